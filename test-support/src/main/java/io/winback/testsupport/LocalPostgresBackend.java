package io.winback.testsupport;

import io.winback.local.LocalPostgres;
import io.winback.local.LocalPostgresConfig;
import io.winback.local.LocalRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real PostgreSQL server from this machine's binaries, in a fresh temporary directory, for machines without Docker. */
final class LocalPostgresBackend implements PostgresBackend {

  private static final int PORT_ATTEMPTS = 3;

  private final LocalPostgres server;
  private final Path directory;

  private LocalPostgresBackend(LocalPostgres server, Path directory) {
    this.server = server;
    this.directory = directory;
  }

  static LocalPostgresBackend launch() {
    Path directory;
    try {
      // Searchable by others from the start: as root, the server runs as the postgres user.
      directory = Files.createTempDirectory("winback-test-postgres-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        LocalPostgresConfig config = LocalPostgresConfig.of(directory.resolve("data"), FreePort.pick());
        return new LocalPostgresBackend(LocalPostgres.start(config), directory);
      } catch (LocalRuntimeException e) {
        // Another process may take the free port between our check and the server's bind.
        if (attempt >= PORT_ATTEMPTS || !e.getMessage().contains("is in use")) {
          throw e;
        }
      }
    }
  }

  @Override
  public String kind() {
    return PostgresTestServer.LOCAL;
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  @Override
  public String username() {
    return server.username();
  }

  @Override
  public String password() {
    return server.password();
  }

  @Override
  public void createDatabase(String name) {
    server.createDatabase(name);
  }

  @Override
  public void restart() {
    server.restart();
  }

  @Override
  public void kill() {
    server.kill();
  }

  @Override
  public void start() {
    if (!server.isRunning()) {
      server.restart();
    }
  }

  /** Stops the server and removes its directory: a test server's data is of no use afterwards. */
  @Override
  public void stop() {
    server.stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // the JVM is exiting; a leftover temp directory is harmless
    }
  }

}
