package io.winback.desk.it;

import io.winback.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Reading the desk's database straight, as an operator with psql would. */
final class Sql {

  interface Row<T> {
    T read(ResultSet rs) throws Exception;
  }

  private Sql() {}

  static <T> Set<T> rows(TestDatabase db, String sql, Row<T> row) {
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      Set<T> values = new HashSet<>();
      while (rs.next()) {
        values.add(row.read(rs));
      }
      return values;
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The same, but an empty set while the database is away. */
  static <T> Set<T> rowsIfUp(TestDatabase db, String sql, Row<T> row) {
    try {
      return rows(db, sql, row);
    } catch (IllegalStateException away) {
      return Set.of();
    }
  }
}
