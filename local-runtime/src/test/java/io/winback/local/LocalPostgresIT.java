package io.winback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL server from this machine's binaries, as {@code winback up} and the tests use it:
 * as root here (the server then runs as an unprivileged user), as a normal user elsewhere.
 */
class LocalPostgresIT {

  @TempDir
  Path temp;

  private final List<LocalPostgres> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(LocalPostgres::stop);
  }

  @Test
  void servesTheApplicationRoleSurvivesAKillAndRestartsOnTheSamePortWithItsData() throws Exception {
    LocalPostgres server = start(LocalPostgresConfig.of(temp.resolve("pg"), freePort()));

    try (Connection connection = connect(server, "winback"); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
      sql.execute("INSERT INTO kept VALUES (1, 'before the crash')");
      assertThat(single(sql, "SELECT current_user")).isEqualTo("winback");
      assertThat(single(sql, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
      assertThat(single(sql, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'winback'"))
          .isEqualTo("winback");
      assertThat(single(sql, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(single(sql, "SHOW password_encryption")).isEqualTo("scram-sha-256");
    }
    assertThat(server.serverUser()).isNotEqualTo("root");
    int port = server.port();

    server.kill();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> connect(server, "winback").close()).isInstanceOf(SQLException.class);

    server.restart();
    assertThat(server.port()).isEqualTo(port);
    try (Connection connection = connect(server, "winback"); Statement sql = connection.createStatement()) {
      assertThat(single(sql, "SELECT note FROM kept WHERE id = 1")).isEqualTo("before the crash");
    }

    server.stop();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> connect(server, "winback").close()).isInstanceOf(SQLException.class);
    assertThat(Files.readString(server.log())).contains("database system is shut down");
  }

  @Test
  void createsFreshDatabasesOwnedByTheApplicationRoleAndToleratesExistingOnes() throws Exception {
    LocalPostgres server = start(LocalPostgresConfig.of(temp.resolve("pg"), freePort()));

    server.createDatabase("orders_it");
    server.createDatabase("orders_it");

    try (Connection connection = connect(server, "orders_it"); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE t (id int)"); // the owner may create in the public schema
      assertThat(single(sql, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
          .isEqualTo("winback");
    }
    assertThatThrownBy(() -> server.createDatabase("Robert'); DROP TABLE students;--"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNewStartOfTheSameDirectoryKeepsTheDataAndDoesNotInitialiseAgain() throws Exception {
    LocalPostgresConfig config = LocalPostgresConfig.of(temp.resolve("pg"), freePort());
    LocalPostgres first = start(config);
    try (Connection connection = connect(first, "winback"); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE kept (note text)");
      sql.execute("INSERT INTO kept VALUES ('from the first run')");
    }
    first.stop();

    LocalPostgres second = start(config);

    try (Connection connection = connect(second, "winback"); Statement sql = connection.createStatement()) {
      assertThat(single(sql, "SELECT note FROM kept")).isEqualTo("from the first run");
    }
    assertThat(Files.readAllLines(config.log()).stream().filter(line -> line.startsWith("=== winback: initdb")))
        .hasSize(1);
  }

  @Test
  void startsAgainAfterACrashLeftAStalePidFileAndStopsAServerAnEarlierRunLeftBehind() throws Exception {
    LocalPostgresConfig config = LocalPostgresConfig.of(temp.resolve("pg"), freePort());
    LocalPostgres crashed = start(config);
    crashed.kill();
    assertThat(config.dataDir().resolve("postmaster.pid")).exists();

    LocalPostgres afterCrash = start(config);
    // As if that run's JVM had been killed: its server still runs when the next run starts.
    LocalPostgres afterLeftover = start(config);

    assertThat(afterCrash.isRunning()).isFalse();
    try (Connection connection = connect(afterLeftover, "winback"); Statement sql = connection.createStatement()) {
      assertThat(single(sql, "SELECT 1::text")).isEqualTo("1");
    }
  }

  @Test
  void refusesAWrongPasswordAndADirectoryThatIsNotADatabase() throws Exception {
    LocalPostgres server = start(LocalPostgresConfig.of(temp.resolve("pg"), freePort()));

    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("winback"), "winback", "wrong").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

    Path notADatabase = Files.createDirectories(temp.resolve("other"));
    Files.writeString(notADatabase.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> start(LocalPostgresConfig.of(notADatabase, freePort())))
        .isInstanceOf(LocalRuntimeException.class).hasMessageContaining("neither empty nor a PostgreSQL data directory");
    assertThat(notADatabase.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void refusesAPortThatIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      LocalPostgresConfig config = LocalPostgresConfig.of(temp.resolve("pg"), taken.getLocalPort());
      assertThatThrownBy(() -> start(config)).isInstanceOf(LocalRuntimeException.class)
          .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("SPRING_DATASOURCE_URL");
    }
  }

  private LocalPostgres start(LocalPostgresConfig config) {
    LocalPostgres server = LocalPostgres.start(config);
    started.add(server);
    return server;
  }

  private static Connection connect(LocalPostgres server, String database) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      assertThat(rows.next()).as(query).isTrue();
      return rows.getString(1);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
