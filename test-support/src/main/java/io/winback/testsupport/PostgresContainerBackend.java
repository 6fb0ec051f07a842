package io.winback.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The official PostgreSQL image, same major version as Debian's on these machines, when a Docker
 * engine answers.
 *
 * <p>Its host port is fixed when the container is created (not left to Docker), so that
 * {@link #restart}, {@link #kill} and {@link #start} act on the very container, as Docker's
 * restart, kill (SIGKILL to the postmaster, PID 1 there) and start do, and clients find the server
 * on the same port afterwards, as they would after a real database restart. The image's user is a
 * superuser; tests get that user for their databases.
 */
final class PostgresContainerBackend implements PostgresBackend {

  static final String IMAGE = "postgres:15";
  private static final int POSTGRES_PORT = 5432;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final PostgreSQLContainer container;
  private final int port;

  private PostgresContainerBackend(PostgreSQLContainer container, int port) {
    this.container = container;
    this.port = port;
  }

  static PostgresContainerBackend launch() {
    int port = FreePort.pick();
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
        .withDatabaseName("winback").withUsername("winback").withPassword("winback");
    container.setPortBindings(List.of(port + ":" + POSTGRES_PORT));
    container.start();
    return new PostgresContainerBackend(container, port);
  }

  @Override
  public String kind() {
    return PostgresTestServer.CONTAINER;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + container.getHost() + ":" + port + "/" + database;
  }

  @Override
  public String username() {
    return container.getUsername();
  }

  @Override
  public String password() {
    return container.getPassword();
  }

  @Override
  public void createDatabase(String name) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
         Statement sql = connection.createStatement()) {
      sql.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + " in the PostgreSQL container", e);
    }
  }

  @Override
  public void restart() {
    DockerClientFactory.instance().client().restartContainerCmd(container.getContainerId()).exec();
    awaitReady();
  }

  @Override
  public void kill() {
    DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void start() {
    DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
    awaitReady();
  }

  @Override
  public void stop() {
    container.stop();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
        return;
      } catch (SQLException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the PostgreSQL container did not accept connections within "
              + READY_TIMEOUT.toSeconds() + " s", notYet);
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the PostgreSQL container", e);
      }
    }
  }

}
