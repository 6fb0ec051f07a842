package io.winback.local;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a {@link LocalPostgres} runs.
 *
 * @param dataDir  the PostgreSQL data directory (PGDATA); initialised on the first start only and
 *                 kept between runs. The server's log goes next to it, to {@code <dataDir>.log}
 * @param port     TCP port on 127.0.0.1, the only address the server listens on
 * @param username the application's role: it can log in with {@code password} and owns the databases
 *                 made for it, but it is no superuser
 * @param password the application role's password (scram-sha-256)
 * @param database the database created on start, owned by {@code username}
 */
public record LocalPostgresConfig(Path dataDir, int port, String username, String password, String database) {

  public static final String DEFAULT_USERNAME = "winback";
  public static final String DEFAULT_PASSWORD = "winback";
  public static final String DEFAULT_DATABASE = "winback";

  /** Role and database names go into SQL unquoted-safe: plain lower-case identifiers only. */
  static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public LocalPostgresConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(password, "password");
    dataDir = dataDir.toAbsolutePath().normalize();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
    }
    requireIdentifier(username, "username");
    requireIdentifier(database, "database");
    if (password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
  }

  /** The defaults: role {@value #DEFAULT_USERNAME}, password {@value #DEFAULT_PASSWORD}, database {@value #DEFAULT_DATABASE}. */
  public static LocalPostgresConfig of(Path dataDir, int port) {
    return new LocalPostgresConfig(dataDir, port, DEFAULT_USERNAME, DEFAULT_PASSWORD, DEFAULT_DATABASE);
  }

  /** The server's output, appended on every start: next to the data dir, which the server user owns alone. */
  public Path log() {
    return dataDir.resolveSibling(dataDir.getFileName() + ".log");
  }

  public String jdbcUrl(String database) {
    requireIdentifier(database, "database");
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  static String requireIdentifier(String value, String what) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most"
          + " 63 characters), not '" + value + "'");
    }
    return value;
  }
}
