package io.winback.desk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The desk's whole database as text, the way an operator's {@code psql} or {@code pg_dump} would
 * show it: every row of every table of the schema (Flyway's history and the HTTP sessions
 * included), one line per row, byte columns in hex. {@link #find} looks for strings in it, as
 * text and as the hex of their UTF-8 bytes (an Avro payload or a serialized Java object).
 */
public final class DatabaseText {

  private final String text;

  private DatabaseText(String text) {
    this.text = text;
  }

  public static DatabaseText of(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
             + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    StringBuilder dump = new StringBuilder();
    for (String table : tables) {
      dump.append("-- ").append(table).append('\n');
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
        while (rs.next()) {
          dump.append(rs.getString(1)).append('\n');
        }
      }
    }
    return new DatabaseText(dump.toString());
  }

  /** The strings found anywhere in the database, in the clear or as bytes. */
  public List<String> find(List<String> strings) {
    String lower = text.toLowerCase(Locale.ROOT);
    return strings.stream().filter(s -> text.contains(s)
        || lower.contains(HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)))).toList();
  }

  /** How many tables the dump covers (a dump of nothing finds nothing). */
  public long tables() {
    return text.lines().filter(line -> line.startsWith("-- ")).count();
  }

  @Override
  public String toString() {
    return text;
  }
}
