package io.winback.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresTestServerIT {

  @Test
  void handsOutFreshEmptyDatabasesOnOneSharedServer() throws Exception {
    PostgresTestServer server = PostgresTestServer.get();
    assertThat(PostgresTestServer.get()).isSameAs(server);
    assertThat(server.kind()).isIn(PostgresTestServer.LOCAL, PostgresTestServer.CONTAINER);

    TestDatabase first = server.newDatabase("Desk-IT");
    TestDatabase second = server.newDatabase("Desk-IT");

    assertThat(first.name()).startsWith("desk_it_").isNotEqualTo(second.name());
    try (Connection connection = first.connect(); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE only_here (id int)");
      assertThat(single(sql, "SELECT current_database()")).isEqualTo(first.name());
    }
    try (Connection connection = second.connect(); Statement sql = connection.createStatement()) {
      assertThat(single(sql, "SELECT count(*)::text FROM information_schema.tables WHERE table_schema = 'public'"))
          .isEqualTo("0");
    }
  }

  @Test
  void restartsAndComesBackAfterAKillOnTheSamePortWithTheData() throws Exception {
    PostgresTestServer server = PostgresTestServer.get();
    TestDatabase database = server.newDatabase("restart");
    try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE kept (note text)");
      sql.execute("INSERT INTO kept VALUES ('committed')");
    }
    int port = server.port();

    server.restart();
    assertThat(server.port()).isEqualTo(port);
    assertThat(note(database)).isEqualTo("committed");

    server.kill();
    assertThatThrownBy(() -> database.connect().close()).isInstanceOf(SQLException.class);
    server.start();
    assertThat(server.port()).isEqualTo(port);
    assertThat(note(database)).isEqualTo("committed");
  }

  @Test
  void registersItselfAsSpringsDataSource() {
    TestDatabase database = PostgresTestServer.get().newDatabase("spring");
    Map<String, Object> registered = new HashMap<>();

    database.register((name, value) -> registered.put(name, value.get()));

    assertThat(registered).containsEntry("spring.datasource.url", database.jdbcUrl())
        .containsEntry("spring.datasource.username", database.username())
        .containsEntry("spring.datasource.password", database.password());
  }

  @Test
  void namesDatabasesSafelyAndRejectsAnUnknownForcedKind() {
    assertThat(PostgresTestServer.databaseName("9 lives; DROP")).matches("db_9_lives__drop_[0-9a-f]{12}");
    assertThat(PostgresTestServer.databaseName("x".repeat(80))).hasSize(40 + 13);
    String previous = System.getProperty(PostgresTestServer.CHOICE_PROPERTY);
    try {
      System.setProperty(PostgresTestServer.CHOICE_PROPERTY, " Local");
      assertThat(PostgresTestServer.forcedChoice()).isEqualTo(PostgresTestServer.LOCAL);
      System.setProperty(PostgresTestServer.CHOICE_PROPERTY, "h2");
      assertThatThrownBy(PostgresTestServer::forcedChoice).hasMessageContaining("h2");
    } finally {
      if (previous == null) {
        System.clearProperty(PostgresTestServer.CHOICE_PROPERTY);
      } else {
        System.setProperty(PostgresTestServer.CHOICE_PROPERTY, previous);
      }
    }
  }

  private static String note(TestDatabase database) throws SQLException {
    try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
      return single(sql, "SELECT note FROM kept");
    }
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
