package io.winback.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh, empty database on the shared {@link PostgresTestServer}, for one test class or test.
 *
 * @param jdbcUrl  JDBC URL of this database
 * @param username a user who may do anything in it (owner on the local server, superuser in the container)
 * @param password that user's password
 * @param name     the database's name, unique in this JVM's server
 */
public record TestDatabase(String jdbcUrl, String username, String password, String name) {

  /** {@code spring.datasource.url}, {@code .username} and {@code .password}, for a Spring Boot context. */
  public Map<String, String> springProperties() {
    return Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", username,
        "spring.datasource.password", password);
  }

  /** Registers {@link #springProperties()}, for a test's {@code @DynamicPropertySource} method. */
  public void register(DynamicPropertyRegistry registry) {
    springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  /** A new connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, username, password);
  }
}
