package io.winback.system;

import io.winback.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every row of every table of a database, every column: text as text, bytea as its bytes (a
 * payload in the clear would hide from a text dump as hex). What a {@code pg_dump} would show.
 */
final class DatabaseDump {

  private DatabaseDump() {}

  /** "table.column (key)" for every value in which {@code finder} finds something. */
  static List<String> find(TestDatabase db, Function<byte[], List<String>> finder) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT table_schema || '.' || quote_ident(table_name) FROM "
          + "information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', "
          + "'information_schema')")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      if (tables.isEmpty()) {
        throw new AssertionError("the database " + db.name() + " has no tables: not the desk's");
      }
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData columns = rows.getMetaData();
          int row = 0;
          while (rows.next()) {
            row++;
            for (int column = 1; column <= columns.getColumnCount(); column++) {
              byte[] bytes = "bytea".equals(columns.getColumnTypeName(column)) ? rows.getBytes(column)
                  : text(rows.getString(column));
              for (String what : finder.apply(bytes)) {
                found.add(table + "." + columns.getColumnName(column) + " (row " + row + "): " + what);
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** The tables there are, for the report: a dump that found nothing must have looked somewhere. */
  static List<String> tables(TestDatabase db) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
            + "table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static byte[] text(String value) {
    return value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
