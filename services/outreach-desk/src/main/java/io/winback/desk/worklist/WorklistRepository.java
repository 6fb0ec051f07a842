package io.winback.desk.worklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.winback.desk.db.Timestamps;
import io.winback.desk.privacy.TaskOpener;
import io.winback.events.Channel;
import io.winback.events.OutreachTask;
import io.winback.schemas.json.JsonRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The task table, shared by every desk replica. Every change is one conditional UPDATE, so two
 * replicas acting on the same task at once cannot both succeed: PostgreSQL takes the row lock and
 * re-checks the condition on the row as the first one left it.
 */
@Repository
public class WorklistRepository {

  private final JdbcClient db;

  public WorklistRepository(JdbcClient db) {
    this.db = db;
  }

  /**
   * Adds a created task; a re-delivered one is ignored, so nothing shows twice or is sent twice.
   * {@code crmPartition} is the customer's partition on crm.relationships.v1. A sealed task is kept
   * as it arrived (sealed_task); its personal columns stay empty, as they are in the sealed record.
   */
  public boolean addTask(OutreachTask task, int crmPartition, Instant now) {
    return db.sql("""
        INSERT INTO task (task_id, case_id, customer_id, crm_partition, channel, goal, attempt, due_at, assignee,
          language, subject, message, contact_json, rationale_json, context_json, policy_version, created_at,
          received_at, status, next_send_at, updated_at, sealed_task)
        VALUES (:taskId, :caseId, :customerId, :partition, :channel, :goal, :attempt, :dueAt, :assignee, :language,
          :subject, :message, :contact, :rationale, :context, :policyVersion, :createdAt, :now, 'OPEN', :dueAt, :now,
          :sealedTask)
        ON CONFLICT (task_id) DO NOTHING
        """)
        .param("taskId", task.getTaskId())
        .param("caseId", task.getCaseId())
        .param("customerId", task.getCustomerId())
        .param("partition", crmPartition)
        .param("channel", task.getChannel().name())
        .param("goal", task.getGoal().name())
        .param("attempt", task.getAttempt())
        .param("dueAt", Timestamps.of(task.getDueAt()))
        .param("assignee", task.getAssignee())
        .param("language", task.getLanguage().name())
        .param("subject", task.getSubject())
        .param("message", task.getMessage())
        .param("contact", task.getContact() == null ? null : JsonRecords.toJson(task.getContact()).toString())
        .param("rationale", rationaleJson(task))
        .param("context", task.getContext() == null ? null : JsonRecords.toJson(task.getContext()).toString())
        .param("policyVersion", task.getPolicyVersion())
        .param("createdAt", Timestamps.of(task.getCreatedAt()))
        .param("now", Timestamps.of(now))
        .param("sealedTask", TaskOpener.storable(task))
        .update() == 1;
  }

  /**
   * The processor withdrew the task (its case closed): it leaves the worklist and a scheduled send
   * stops; also a task under way (SENT: reached, or a letter out), as every close cancels those.
   */
  public boolean cancel(String taskId, Instant now) {
    return db.sql("UPDATE task SET status = 'CANCELLED', updated_at = :now WHERE task_id = :id "
        + "AND status IN ('OPEN', 'SENT')")
        .param("id", taskId).param("now", Timestamps.of(now)).update() == 1;
  }

  /** Claims an open task for {@code user}; false if someone else was first. */
  public boolean claim(String taskId, String user, Instant now) {
    return db.sql("""
        UPDATE task SET claimed_by = :user, updated_at = :now
        WHERE task_id = :id AND status = 'OPEN' AND (claimed_by IS NULL OR claimed_by = :user)
        """).param("id", taskId).param("user", user).param("now", Timestamps.of(now)).update() == 1;
  }

  /** A lead hands a task to someone else. */
  public boolean reassign(String taskId, String user, Instant now) {
    return db.sql("UPDATE task SET claimed_by = :user, updated_at = :now WHERE task_id = :id AND status = 'OPEN'")
        .param("id", taskId).param("user", user).param("now", Timestamps.of(now)).update() == 1;
  }

  /**
   * Moves a task on, only from one of the {@code expected} statuses: of two people finishing the
   * same task, one does. {@code reason} is the desk's own explanation (suppressed, failed), or null.
   */
  public boolean finish(String taskId, Collection<TaskStatus> expected, TaskStatus status, String outcome,
      String reason, Instant now) {
    return db.sql("""
        UPDATE task SET status = :status, outcome = :outcome, status_reason = :reason, updated_at = :now
        WHERE task_id = :id AND status IN (:expected)
        """).param("id", taskId).param("status", status.name()).param("outcome", outcome).param("reason", reason)
        .param("expected", expected.stream().map(Enum::name).toList()).param("now", Timestamps.of(now)).update() == 1;
  }

  public Optional<WorklistItem> find(String taskId) {
    return db.sql("SELECT * FROM task WHERE task_id = :id").param("id", taskId).query(this::item).optional();
  }

  /** The task, locked until the caller's transaction ends: one change at a time, whichever replica makes it. */
  public Optional<WorklistItem> lock(String taskId) {
    return db.sql("SELECT * FROM task WHERE task_id = :id FOR UPDATE").param("id", taskId).query(this::item).optional();
  }

  public List<WorklistItem> tasksOfCase(String caseId) {
    return db.sql("SELECT * FROM task WHERE case_id = :id ORDER BY task_id").param("id", caseId).query(this::item)
        .list();
  }

  /** Every task of the customer, for the subject access report. */
  public List<WorklistItem> tasksOf(String customerId) {
    return db.sql("SELECT * FROM task WHERE customer_id = :id ORDER BY created_at, task_id").param("id", customerId)
        .query(this::item).list();
  }

  public List<WorklistItem> openTasksOf(String customerId) {
    return db.sql("SELECT * FROM task WHERE customer_id = :id AND status = 'OPEN' ORDER BY task_id")
        .param("id", customerId).query(this::item).list();
  }

  /**
   * The next email that is due and that no other replica is working on, locked until the caller's
   * transaction ends. SKIP LOCKED: replicas take different tasks instead of waiting for each other,
   * and a replica that dies releases its lock with its connection.
   */
  public Optional<WorklistItem> lockNextDueEmail(Instant now) {
    return db.sql("""
        SELECT * FROM task WHERE channel = 'EMAIL' AND status = 'OPEN' AND next_send_at <= :now
        ORDER BY next_send_at, task_id LIMIT 1 FOR UPDATE SKIP LOCKED
        """).param("now", Timestamps.of(now)).query(this::item).optional();
  }

  /** A due email waits: for the morning, for consent data, or for the next try after an error. */
  public void postpone(String taskId, Instant until, Instant now) {
    db.sql("UPDATE task SET next_send_at = :until, updated_at = :now WHERE task_id = :id")
        .param("id", taskId).param("until", Timestamps.of(until)).param("now", Timestamps.of(now)).update();
  }

  /** Counts an attempt to send; the first one starts the period after which the desk gives up. */
  public void countSendAttempt(String taskId, Instant now) {
    db.sql("""
        UPDATE task SET send_attempts = send_attempts + 1, first_send_at = COALESCE(first_send_at, :now),
          updated_at = :now WHERE task_id = :id
        """).param("id", taskId).param("now", Timestamps.of(now)).update();
  }

  public void markSent(String taskId, Instant now) {
    db.sql("UPDATE task SET status = 'SENT', outcome = 'SENT', last_error = NULL, updated_at = :now "
        + "WHERE task_id = :id AND status = 'OPEN'").param("id", taskId).param("now", Timestamps.of(now)).update();
  }

  /** A temporary failure: tried again at {@code nextAttempt}. The error is stored without addresses. */
  public void markRetry(String taskId, Instant nextAttempt, String error, Instant now) {
    db.sql("UPDATE task SET next_send_at = :next, last_error = :error, updated_at = :now WHERE task_id = :id")
        .param("id", taskId).param("next", Timestamps.of(nextAttempt)).param("error", truncate(error))
        .param("now", Timestamps.of(now)).update();
  }

  /** The worklist: tasks for people (not email), by due date; {@code visibleTo} null means every task. */
  public List<WorklistItem> worklist(WorklistFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT * FROM task WHERE channel <> 'EMAIL'");
    List<Object> params = new ArrayList<>();
    if (filter.visibleTo() != null) {
      // As TaskAccess.canSee: claimed by them, or unclaimed and unassigned (not in person) or assigned to them.
      sql.append(" AND (claimed_by = ? OR (claimed_by IS NULL AND ((assignee IS NULL AND channel <> 'IN_PERSON')"
          + " OR assignee = ? OR assignee = ?)))");
      params.add(filter.visibleTo());
      params.add(filter.visibleTo());
      params.add(filter.accountManagerId() == null ? filter.visibleTo() : filter.accountManagerId());
    }
    if (filter.channel() != null) {
      sql.append(" AND channel = ?");
      params.add(filter.channel().name());
    }
    if (!filter.statuses().isEmpty()) {
      sql.append(" AND status IN (").append(String.join(", ", filter.statuses().stream().map(s -> "?").toList()))
          .append(")");
      filter.statuses().forEach(status -> params.add(status.name()));
    }
    sql.append(" ORDER BY due_at, task_id LIMIT 500");
    JdbcClient.StatementSpec statement = db.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      statement = statement.param(i + 1, params.get(i));
    }
    return statement.query(this::item).list();
  }

  /**
   * Open tasks created before {@code createdBefore} whose customer the desk has no CRM data for,
   * on partitions whose CRM copy is complete since {@code feedCompleteSince}: the CRM has nothing
   * for them, and no consent means no contact.
   */
  public List<WorklistItem> openWithoutCustomerData(Instant createdBefore, Instant feedCompleteSince, int limit) {
    return db.sql("""
        SELECT t.* FROM task t
        JOIN crm_feed f ON f.crm_partition = t.crm_partition AND f.caught_up_at >= :fresh
        WHERE t.status = 'OPEN' AND t.created_at < :before
          AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.customer_id = t.customer_id)
        ORDER BY t.created_at, t.task_id LIMIT :limit
        """).param("before", Timestamps.of(createdBefore)).param("fresh", Timestamps.of(feedCompleteSince)).param("limit", limit)
        .query(this::item).list();
  }

  /**
   * The customer was erased: the desk forgets the personal data of every task it holds, sealed or
   * not. What remains are ids, channel, statuses, outcomes, dates, the rationale and the case's facts.
   */
  public int forgetPersonalData(String customerId, Instant now) {
    return db.sql("""
        UPDATE task SET contact_json = NULL, message = '', subject = NULL, sealed_task = NULL, last_error = NULL,
          context_json = CASE WHEN context_json IS NULL THEN NULL
                              ELSE (context_json::jsonb - 'reasonText')::text END,
          updated_at = :now WHERE customer_id = :id
        """).param("id", customerId).param("now", Timestamps.of(now)).update();
  }

  /**
   * Retention: up to {@code limit} tasks finished (done, cancelled, suppressed, failed) before
   * {@code before} are removed, with their leftovers; a task with an outcome the broker has not
   * acknowledged yet stays until it has. Returns how many went.
   */
  public int removeFinishedBefore(Instant before, int limit) {
    return db.sql("""
        WITH expired AS (
          SELECT t.task_id FROM task t
          WHERE t.status IN ('DONE', 'CANCELLED', 'SUPPRESSED', 'FAILED') AND t.updated_at < :before
            AND NOT EXISTS (SELECT 1 FROM feedback_outbox o WHERE o.task_id = t.task_id AND o.published_at IS NULL)
          ORDER BY t.updated_at LIMIT :limit FOR UPDATE SKIP LOCKED),
        attempts AS (DELETE FROM email_attempt a USING expired e WHERE a.task_id = e.task_id)
        DELETE FROM task t USING expired e WHERE t.task_id = e.task_id
        """).param("before", Timestamps.of(before)).param("limit", limit).update();
  }

  // ---- mapping ------------------------------------------------------------------------------

  private WorklistItem item(ResultSet rs, int row) throws SQLException {
    return new WorklistItem(
        rs.getString("task_id"),
        rs.getString("case_id"),
        rs.getString("customer_id"),
        rs.getInt("crm_partition"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("goal"),
        rs.getInt("attempt"),
        Timestamps.read(rs, "due_at"),
        rs.getString("assignee"),
        rs.getString("claimed_by"),
        rs.getString("language"),
        rs.getString("subject"),
        rs.getString("message"),
        json(rs.getString("contact_json")),
        json(rs.getString("rationale_json")),
        json(rs.getString("context_json")),
        rs.getString("policy_version"),
        Timestamps.read(rs, "created_at"),
        TaskStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"),
        rs.getString("outcome"),
        rs.getInt("send_attempts"),
        Timestamps.read(rs, "first_send_at"),
        rs.getString("last_error"),
        Timestamps.read(rs, "updated_at"),
        rs.getBytes("sealed_task"));
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


  private static String truncate(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }
}
