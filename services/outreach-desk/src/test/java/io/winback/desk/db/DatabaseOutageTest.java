package io.winback.desk.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

  @Test
  void aRollbackOnAConnectionThePoolClosedDuringARestartIsAnOutageNotABadRecord() {
    // What the desk's CRM listener got while `winback chaos` restarted PostgreSQL: the insert failed on
    // a broken pipe, and the rollback on the connection the pool had closed meanwhile replaced it.
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));

    assertThat(DatabaseOutage.isTransient(rollback)).isTrue();
  }

  @Test
  void aBadRecordStaysABadRecord() {
    assertThat(DatabaseOutage.isTransient(new DataIntegrityViolationException("value too long",
        new SQLException("value too long for type character varying(64)", "22001")))).isFalse();
    assertThat(DatabaseOutage.isTransient(new IllegalArgumentException("the record's key is not the customerId")))
        .isFalse();
  }

  @Test
  void aLostConnectionIsAnOutage() {
    assertThat(DatabaseOutage.isTransient(new SQLException("An I/O error occurred while sending to the backend.",
        "08006"))).isTrue();
  }
}
