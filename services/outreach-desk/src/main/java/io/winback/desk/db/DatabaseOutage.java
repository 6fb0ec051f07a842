package io.winback.desk.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means "the database is away for now" (down, restarting, out of connections, a
 * lost connection, a serialization failure) rather than "this record is bad". Only the first is
 * worth waiting for: a consumer retries it for as long as it takes and never dead-letters for it.
 */
public final class DatabaseOutage {

  private DatabaseOutage() {}

  public static boolean isTransient(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
          || cause instanceof RecoverableDataAccessException || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
          // A commit or rollback that fails is the connection failing, never the record: during a
          // PostgreSQL restart the pool has already closed it ("JDBC rollback failed: Connection is closed").
          || cause instanceof TransactionSystemException) {
        return true;
      }
      if (cause instanceof SQLException sql && transientState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * PostgreSQL's SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator
   * intervention (shutdown, restart), 58 system error; 40001 serialization failure, 40P01 deadlock.
   */
  static boolean transientState(String state) {
    if (state == null || state.length() < 2) {
      return false;
    }
    String sqlClass = state.substring(0, 2);
    return sqlClass.equals("08") || sqlClass.equals("53") || sqlClass.equals("57") || sqlClass.equals("58")
        || state.equals("40001") || state.equals("40P01");
  }
}
