package io.winback.desk.worklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.schemas.json.JsonRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The worklist, its case statuses, the consent flags and the outbox, in the desk's database. */
@Repository
public class WorklistRepository {

  private final JdbcClient db;

  public WorklistRepository(JdbcClient db) {
    this.db = db;
  }

  /** Adds a created task; a re-delivered one is ignored, so nothing shows twice or is sent twice. */
  public boolean addTask(OutreachTask task, Instant now) {
    try {
      db.sql("""
          INSERT INTO task (task_id, case_id, customer_id, channel, goal, attempt, due_at, assignee, language,
            subject, message, contact_json, rationale_json, context_json, policy_version, created_at, status,
            next_send_at, updated_at)
          VALUES (:taskId, :caseId, :customerId, :channel, :goal, :attempt, :dueAt, :assignee, :language,
            :subject, :message, :contact, :rationale, :context, :policyVersion, :createdAt, 'OPEN', :dueAt, :now)
          """)
          .param("taskId", task.getTaskId())
          .param("caseId", task.getCaseId())
          .param("customerId", task.getCustomerId())
          .param("channel", task.getChannel().name())
          .param("goal", task.getGoal().name())
          .param("attempt", task.getAttempt())
          .param("dueAt", time(task.getDueAt()))
          .param("assignee", task.getAssignee())
          .param("language", task.getLanguage().name())
          .param("subject", task.getSubject())
          .param("message", task.getMessage())
          .param("contact", task.getContact() == null ? null : JsonRecords.toJson(task.getContact()).toString())
          .param("rationale", rationaleJson(task))
          .param("context", task.getContext() == null ? null : JsonRecords.toJson(task.getContext()).toString())
          .param("policyVersion", task.getPolicyVersion())
          .param("createdAt", time(task.getCreatedAt()))
          .param("now", time(now))
          .update();
      return true;
    } catch (DuplicateKeyException alreadyThere) {
      return false;
    }
  }

  /** The processor withdrew the task: it leaves the worklist and a scheduled send stops. */
  public boolean cancel(String taskId, Instant now) {
    return db.sql("UPDATE task SET status = 'CANCELLED', updated_at = :now WHERE task_id = :id AND status = 'OPEN'")
        .param("id", taskId).param("now", time(now)).update() == 1;
  }

  /** Claims an open task for {@code user}; false if someone else was first. */
  public boolean claim(String taskId, String user, Instant now) {
    return db.sql("""
        UPDATE task SET claimed_by = :user, updated_at = :now
        WHERE task_id = :id AND status = 'OPEN' AND (claimed_by IS NULL OR claimed_by = :user)
        """).param("id", taskId).param("user", user).param("now", time(now)).update() == 1;
  }

  /** A lead hands a task to someone else. */
  public boolean reassign(String taskId, String user, Instant now) {
    return db.sql("UPDATE task SET claimed_by = :user, updated_at = :now WHERE task_id = :id AND status = 'OPEN'")
        .param("id", taskId).param("user", user).param("now", time(now)).update() == 1;
  }

  /** Records an outcome; {@code expected} guards against two agents finishing the same task. */
  public boolean finish(String taskId, Collection<TaskStatus> expected, TaskStatus status, String outcome, Instant now) {
    return db.sql("""
        UPDATE task SET status = :status, outcome = :outcome, updated_at = :now
        WHERE task_id = :id AND status IN (:expected)
        """).param("id", taskId).param("status", status.name()).param("outcome", outcome)
        .param("expected", expected.stream().map(Enum::name).toList()).param("now", time(now)).update() == 1;
  }

  public void markSent(String taskId, Instant now) {
    db.sql("UPDATE task SET status = 'SENT', send_attempts = send_attempts + 1, last_error = NULL, updated_at = :now "
        + "WHERE task_id = :id").param("id", taskId).param("now", time(now)).update();
  }

  public void markRetry(String taskId, Instant nextAttempt, String error, Instant now) {
    db.sql("UPDATE task SET send_attempts = send_attempts + 1, next_send_at = :next, last_error = :error, "
        + "updated_at = :now WHERE task_id = :id").param("id", taskId).param("next", time(nextAttempt))
        .param("error", truncate(error)).param("now", time(now)).update();
  }

  public Optional<WorklistItem> find(String taskId) {
    return db.sql("SELECT * FROM task WHERE task_id = :id").param("id", taskId).query(this::item).optional();
  }

  public List<WorklistItem> openTasksOf(String customerId) {
    return db.sql("SELECT * FROM task WHERE customer_id = :id AND status = 'OPEN'").param("id", customerId)
        .query(this::item).list();
  }

  /** Emails whose time has come, oldest first. */
  public List<WorklistItem> dueEmails(Instant now, int limit) {
    return db.sql("""
        SELECT * FROM task WHERE channel = 'EMAIL' AND status = 'OPEN' AND next_send_at <= :now
        ORDER BY next_send_at LIMIT :limit
        """).param("now", time(now)).param("limit", limit).query(this::item).list();
  }

  /** The worklist: tasks for people (not email), by due date; {@code owner} null means every task. */
  public List<WorklistItem> worklist(WorklistFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT * FROM task WHERE channel <> 'EMAIL'");
    List<Object> params = new ArrayList<>();
    if (filter.visibleTo() != null) {
      sql.append(" AND (claimed_by = ? OR (claimed_by IS NULL AND (assignee IS NULL OR assignee = ? OR assignee = ?)))");
      params.add(filter.visibleTo());
      params.add(filter.visibleTo());
      params.add(filter.accountManagerId() == null ? filter.visibleTo() : filter.accountManagerId());
    }
    if (filter.channel() != null) {
      sql.append(" AND channel = ?");
      params.add(filter.channel().name());
    }
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      params.add(filter.status().name());
    }
    sql.append(" ORDER BY due_at, task_id LIMIT 500");
    JdbcClient.StatementSpec statement = db.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      statement = statement.param(i + 1, params.get(i));
    }
    return statement.query(this::item).list();
  }

  // ---- case status, consent, outbox ---------------------------------------------------------

  public void saveCase(WinbackCase state) {
    db.sql("MERGE INTO case_status (case_id, status, status_reason, updated_at) KEY (case_id) "
        + "VALUES (:id, :status, :reason, :updatedAt)")
        .param("id", state.getCaseId()).param("status", state.getStatus().name())
        .param("reason", state.getStatusReason()).param("updatedAt", time(state.getUpdatedAt())).update();
  }

  public Optional<CaseStatusView> caseStatus(String caseId) {
    return db.sql("SELECT case_id, status, status_reason, updated_at FROM case_status WHERE case_id = :id")
        .param("id", caseId)
        .query((rs, n) -> new CaseStatusView(rs.getString("case_id"), rs.getString("status"),
            rs.getString("status_reason"), instant(rs, "updated_at")))
        .optional();
  }

  public void saveConsent(String customerId, Consent consent, boolean doNotContact, Instant now) {
    db.sql("MERGE INTO consent (customer_id, email, phone, letter, whatsapp, visit, do_not_contact, updated_at) "
        + "KEY (customer_id) VALUES (:id, :email, :phone, :letter, :whatsapp, :visit, :dnc, :now)")
        .param("id", customerId).param("email", consent.getEmail()).param("phone", consent.getPhone())
        .param("letter", consent.getLetter()).param("whatsapp", consent.getWhatsapp())
        .param("visit", consent.getVisit()).param("dnc", doNotContact).param("now", time(now)).update();
  }

  /**
   * Whether the customer's current consent allows this channel. Without a CRM record at the desk
   * yet, the processor's check when it created the task stands (the task may simply have arrived
   * before the CRM record); only newer CRM data, or an erasure, can withdraw it.
   */
  public boolean mayContact(String customerId, Channel channel) {
    String column = switch (channel) {
      case EMAIL -> "email";
      case PHONE -> "phone";
      case LETTER -> "letter";
      case WHATSAPP -> "whatsapp";
      case IN_PERSON -> "visit";
    };
    return db.sql("SELECT " + column + " AND NOT do_not_contact FROM consent WHERE customer_id = :id")
        .param("id", customerId).query(Boolean.class).optional().orElse(true);
  }

  /** Whether the desk has the CRM's consent record of this customer. */
  public boolean hasConsentRecord(String customerId) {
    return db.sql("SELECT COUNT(*) FROM consent WHERE customer_id = :id").param("id", customerId)
        .query(Integer.class).single() > 0;
  }

  /** The CRM erased the customer: no contact any more, and the desk forgets the personal data it held. */
  @Transactional
  public void erase(String customerId, Instant now) {
    // An erased customer is never contacted again: consent is kept as a refusal, without any personal data.
    db.sql("MERGE INTO consent (customer_id, email, phone, letter, whatsapp, visit, do_not_contact, updated_at) "
        + "KEY (customer_id) VALUES (:id, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, :now)")
        .param("id", customerId).param("now", time(now)).update();
    db.sql("UPDATE task SET status = CASE WHEN status = 'OPEN' THEN 'SUPPRESSED' ELSE status END, "
        + "contact_json = NULL, message = '', subject = NULL, updated_at = :now WHERE customer_id = :id")
        .param("id", customerId).param("now", time(now)).update();
    db.sql("UPDATE outbox SET recipient = '(erased)' WHERE task_id IN (SELECT task_id FROM task WHERE customer_id = :id)")
        .param("id", customerId).update();
  }

  public void recordSent(String taskId, String messageId, String recipient, String subject, String language,
      Instant now) {
    db.sql("MERGE INTO outbox (task_id, message_id, recipient, subject, language, sent_at) KEY (task_id) "
        + "VALUES (:id, :messageId, :recipient, :subject, :language, :now)")
        .param("id", taskId).param("messageId", messageId).param("recipient", recipient).param("subject", subject)
        .param("language", language).param("now", time(now)).update();
  }

  public boolean wasSent(String taskId) {
    return db.sql("SELECT COUNT(*) FROM outbox WHERE task_id = :id").param("id", taskId).query(Integer.class)
        .single() > 0;
  }

  public List<OutboxEntry> outbox(int limit) {
    return db.sql("SELECT * FROM outbox ORDER BY sent_at DESC LIMIT :limit").param("limit", limit)
        .query((rs, n) -> new OutboxEntry(rs.getString("task_id"), rs.getString("message_id"),
            rs.getString("recipient"), rs.getString("subject"), rs.getString("language"), instant(rs, "sent_at")))
        .list();
  }

  // ---- mapping ------------------------------------------------------------------------------

  private WorklistItem item(ResultSet rs, int row) throws SQLException {
    return new WorklistItem(
        rs.getString("task_id"),
        rs.getString("case_id"),
        rs.getString("customer_id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("goal"),
        rs.getInt("attempt"),
        instant(rs, "due_at"),
        rs.getString("assignee"),
        rs.getString("claimed_by"),
        rs.getString("language"),
        rs.getString("subject"),
        rs.getString("message"),
        json(rs.getString("contact_json")),
        json(rs.getString("rationale_json")),
        json(rs.getString("context_json")),
        rs.getString("policy_version"),
        instant(rs, "created_at"),
        TaskStatus.valueOf(rs.getString("status")),
        rs.getString("outcome"),
        rs.getInt("send_attempts"),
        rs.getString("last_error"),
        instant(rs, "updated_at"));
  }

  private static String rationaleJson(OutreachTask task) {
    var array = JsonRecords.mapper().createArrayNode();
    task.getRationale().forEach(line -> array.add(JsonRecords.toJson(line)));
    return array.toString();
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JsonRecords.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }

}
