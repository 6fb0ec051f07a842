package io.winback.desk.mail;

import io.winback.desk.db.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The emails SMTP servers accepted (table sent_email): the outbox page and the send-once proof. */
@Repository
public class SentEmailRepository {

  public static final String ERASED = "(erased)";
  /** The recipient of an email whose task is sealed: address and subject stay in the task's seal. */
  public static final String SEALED = "(sealed)";

  private final JdbcClient db;

  public SentEmailRepository(JdbcClient db) {
    this.db = db;
  }

  public void record(SentEmail email) {
    db.sql("""
        INSERT INTO sent_email (task_id, message_id, recipient, subject, language, sent_at, sent_by, resent_in_doubt)
        VALUES (:id, :messageId, :recipient, :subject, :language, :sentAt, :sentBy, :resent)
        ON CONFLICT (task_id) DO NOTHING
        """)
        .param("id", email.taskId()).param("messageId", email.messageId()).param("recipient", email.recipient())
        .param("subject", email.subject()).param("language", email.language())
        .param("sentAt", Timestamps.of(email.sentAt())).param("sentBy", email.sentBy())
        .param("resent", email.resentInDoubt()).update();
  }

  public boolean wasSent(String taskId) {
    return db.sql("SELECT COUNT(*) FROM sent_email WHERE task_id = :id").param("id", taskId).query(Integer.class)
        .single() > 0;
  }

  public List<SentEmail> newest(int limit) {
    return db.sql("SELECT * FROM sent_email ORDER BY sent_at DESC, task_id LIMIT :limit").param("limit", limit)
        .query(SentEmailRepository::email).list();
  }

  /** The emails sent for the customer's tasks, for the subject access report. */
  public List<SentEmail> of(String customerId) {
    return db.sql("""
        SELECT s.* FROM sent_email s JOIN task t ON t.task_id = s.task_id WHERE t.customer_id = :id
        ORDER BY s.sent_at, s.task_id
        """).param("id", customerId).query(SentEmailRepository::email).list();
  }

  /** Retention: up to {@code limit} emails sent before {@code before} are removed; returns how many. */
  public int removeSentBefore(Instant before, int limit) {
    return db.sql("""
        DELETE FROM sent_email WHERE task_id IN (
          SELECT task_id FROM sent_email WHERE sent_at < :before ORDER BY sent_at LIMIT :limit)
        """).param("before", Timestamps.of(before)).param("limit", limit).update();
  }

  private static SentEmail email(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new SentEmail(rs.getString("task_id"), rs.getString("message_id"), rs.getString("recipient"),
        rs.getString("subject"), rs.getString("language"), Timestamps.read(rs, "sent_at"), rs.getString("sent_by"),
        rs.getBoolean("resent_in_doubt"));
  }

  /** The CRM erased the customer: the address and subject (which may name them) go. */
  public void forget(String customerId) {
    db.sql("""
        UPDATE sent_email SET recipient = :erased, subject = NULL
        WHERE task_id IN (SELECT task_id FROM task WHERE customer_id = :id)
        """).param("id", customerId).param("erased", ERASED).update();
  }
}
