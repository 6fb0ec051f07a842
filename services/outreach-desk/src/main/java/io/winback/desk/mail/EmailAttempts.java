package io.winback.desk.mail;

import io.winback.desk.db.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of an SMTP conversation in progress (table email_attempt). It is committed on its own,
 * before the desk talks to the server, and removed in the transaction that records the result: a
 * row the next sender finds says the previous attempt ended without a result (a crash, or an
 * answer that never came), so the server may already have the mail.
 */
@Repository
public class EmailAttempts {

  /** An attempt that ended without a result, and how many did before this one. */
  public record Attempt(String taskId, Instant startedAt, String sentBy, int inDoubt) {}

  private final JdbcClient db;
  private final TransactionTemplate ownTransaction;

  public EmailAttempts(JdbcClient db, PlatformTransactionManager transactions) {
    this.db = db;
    this.ownTransaction = new TransactionTemplate(transactions);
    // Committed at once even while the caller's transaction (which holds the task's row lock) goes on.
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Optional<Attempt> unfinished(String taskId) {
    return db.sql("SELECT * FROM email_attempt WHERE task_id = :id").param("id", taskId)
        .query((rs, n) -> new Attempt(rs.getString("task_id"), Timestamps.read(rs, "started_at"),
            rs.getString("sent_by"), rs.getInt("in_doubt")))
        .optional();
  }

  /** The unfinished attempts of the customer's tasks, for the subject access report. */
  public java.util.List<Attempt> of(String customerId) {
    return db.sql("""
        SELECT a.* FROM email_attempt a JOIN task t ON t.task_id = a.task_id WHERE t.customer_id = :id
        ORDER BY a.task_id
        """).param("id", customerId)
        .query((rs, n) -> new Attempt(rs.getString("task_id"), Timestamps.read(rs, "started_at"),
            rs.getString("sent_by"), rs.getInt("in_doubt")))
        .list();
  }

  /** Before the first word to the server; {@code inDoubt} counts the attempts that ended unanswered. */
  public void begin(String taskId, String sender, int inDoubt, Instant now) {
    ownTransaction.executeWithoutResult(status -> db.sql("""
        INSERT INTO email_attempt (task_id, started_at, sent_by, in_doubt) VALUES (:id, :now, :by, :doubt)
        ON CONFLICT (task_id) DO UPDATE SET started_at = EXCLUDED.started_at, sent_by = EXCLUDED.sent_by,
          in_doubt = EXCLUDED.in_doubt
        """).param("id", taskId).param("now", Timestamps.of(now)).param("by", sender).param("doubt", inDoubt)
        .update());
  }

  /** The result is recorded (in the caller's transaction): the attempt is over. */
  public void finish(String taskId) {
    db.sql("DELETE FROM email_attempt WHERE task_id = :id").param("id", taskId).update();
  }
}
