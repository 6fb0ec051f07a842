package io.winback.desk.outbox;

import io.winback.desk.db.Timestamps;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.privacy.FeedbackSeals;
import io.winback.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox of outreach.feedback.v1 (table feedback_outbox). An outcome is written
 * here in the same transaction as the task's change, with its feedbackId fixed: either both are
 * recorded or neither is, and {@link FeedbackRelay} publishes this record until the broker has it,
 * its free text sealed with the customer's key right before. The processor applies a feedbackId
 * once, so a record published twice is harmless. Once published, the row keeps the record as it
 * went out (sealed), so the free text is in the clear here only while it waits for the broker.
 */
@Repository
public class FeedbackOutbox {

  /** An outcome waiting for the broker. */
  public record Pending(String feedbackId, String customerId, byte[] payload) {}

  /** An outcome the broker acknowledged, as it was published. */
  public record Published(String feedbackId, String customerId, byte[] payload) {}

  /** A row of the outbox, for the subject access report. */
  public record Row(String feedbackId, String taskId, String outcome, Instant recordedAt, Instant publishedAt,
      int publishAttempts, OutreachFeedback feedback) {}

  /** An outcome in the outbox and whether the broker has acknowledged it. */
  public record Entry(String feedbackId, boolean published) {}

  private final JdbcClient db;
  private final Serializer<OutreachFeedback> serializer = Topics.FEEDBACK.valueSerde().serializer();
  private final Deserializer<OutreachFeedback> deserializer = Topics.FEEDBACK.valueSerde().deserializer();

  public FeedbackOutbox(JdbcClient db) {
    this.db = db;
  }

  /**
   * Adds the outcome to the caller's transaction; a second outcome with the same feedbackId (the
   * mailer's stable ids) is ignored. Returns whether it was new.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean add(OutreachFeedback feedback) {
    return db.sql("""
        INSERT INTO feedback_outbox (feedback_id, task_id, customer_id, outcome, payload, recorded_at)
        VALUES (:id, :taskId, :customerId, :outcome, :payload, :recordedAt)
        ON CONFLICT (feedback_id) DO NOTHING
        """)
        .param("id", feedback.getFeedbackId()).param("taskId", feedback.getTaskId())
        .param("customerId", feedback.getCustomerId()).param("outcome", feedback.getOutcome().name())
        .param("payload", serializer.serialize(Topics.FEEDBACK.name(), feedback))
        .param("recordedAt", Timestamps.of(feedback.getRecordedAt())).update() == 1;
  }

  /** The oldest outcomes not yet acknowledged by the broker, in the order they were recorded (seq). */
  List<Pending> oldestPending(int limit) {
    return db.sql("""
        SELECT feedback_id, customer_id, payload FROM feedback_outbox WHERE published_at IS NULL
        ORDER BY seq LIMIT :limit
        """).param("limit", limit)
        .query((rs, n) -> new Pending(rs.getString("feedback_id"), rs.getString("customer_id"),
            rs.getBytes("payload")))
        .list();
  }

  /** The broker has them: each row now keeps the bytes that were published (the free text sealed). */
  void markPublished(List<Published> published, Instant now) {
    for (Published outcome : published) {
      db.sql("UPDATE feedback_outbox SET published_at = :now, payload = :payload, last_error = NULL "
              + "WHERE feedback_id = :id")
          .param("now", Timestamps.of(now)).param("payload", outcome.payload()).param("id", outcome.feedbackId())
          .update();
    }
  }

  void markFailed(String feedbackId, String error) {
    db.sql("""
        UPDATE feedback_outbox SET publish_attempts = publish_attempts + 1, last_error = :error
        WHERE feedback_id = :id
        """).param("id", feedbackId).param("error", error).update();
  }

  /** Whether the broker has acknowledged the outcome; empty for an unknown feedbackId. */
  public Optional<Boolean> published(String feedbackId) {
    return db.sql("SELECT published_at IS NOT NULL FROM feedback_outbox WHERE feedback_id = :id")
        .param("id", feedbackId).query(Boolean.class).optional();
  }

  /** The outcome recorded last for the task, and whether the broker has it yet. */
  public Optional<Entry> latestFor(String taskId) {
    return db.sql("""
        SELECT feedback_id, published_at IS NOT NULL AS published FROM feedback_outbox WHERE task_id = :id
        ORDER BY seq DESC LIMIT 1
        """).param("id", taskId)
        .query((rs, n) -> new Entry(rs.getString("feedback_id"), rs.getBoolean("published")))
        .optional();
  }

  public long pendingCount() {
    return db.sql("SELECT COUNT(*) FROM feedback_outbox WHERE published_at IS NULL").query(Long.class).single();
  }

  /**
   * The customer was erased: every outcome of theirs loses its free text and meeting place, sealed
   * or not, published or waiting (a waiting one is then published without them). Returns how many rows.
   */
  public int forget(String customerId) {
    List<Pending> rows = db.sql("SELECT feedback_id, customer_id, payload FROM feedback_outbox WHERE customer_id = :id")
        .param("id", customerId)
        .query((rs, n) -> new Pending(rs.getString("feedback_id"), rs.getString("customer_id"), rs.getBytes("payload")))
        .list();
    for (Pending row : rows) {
      OutreachFeedback without = FeedbackSeals.withoutPersonalData(read(row.payload()));
      db.sql("UPDATE feedback_outbox SET payload = :payload, last_error = NULL WHERE feedback_id = :id")
          .param("payload", serializer.serialize(Topics.FEEDBACK.name(), without)).param("id", row.feedbackId())
          .update();
    }
    return rows.size();
  }

  /** Every outcome of the customer in the outbox, oldest first, as stored (sealed once published). */
  public List<Row> entriesOf(String customerId) {
    return db.sql("""
        SELECT feedback_id, task_id, outcome, recorded_at, published_at, publish_attempts, payload
        FROM feedback_outbox WHERE customer_id = :id ORDER BY seq
        """).param("id", customerId)
        .query((rs, n) -> new Row(rs.getString("feedback_id"), rs.getString("task_id"), rs.getString("outcome"),
            Timestamps.read(rs, "recorded_at"), Timestamps.read(rs, "published_at"), rs.getInt("publish_attempts"),
            read(rs.getBytes("payload"))))
        .list();
  }

  public OutreachFeedback read(byte[] payload) {
    return deserializer.deserialize(Topics.FEEDBACK.name(), payload);
  }

  /** Published outcomes older than {@code before} are only history: removed in bounded batches. */
  public int prunePublished(Instant before, int limit) {
    return db.sql("""
        DELETE FROM feedback_outbox WHERE feedback_id IN (
          SELECT feedback_id FROM feedback_outbox WHERE published_at < :before LIMIT :limit)
        """).param("before", Timestamps.of(before)).param("limit", limit).update();
  }
}
