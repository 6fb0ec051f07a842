package io.winback.desk.preferences;

import io.winback.desk.db.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit of the customer's door (table preference_action): per request the task its token named,
 * what was asked, where, when and what came of it; no personal data. Its 'recorded' rows are the
 * choices a task's customer made, oldest first.
 */
@Repository
public class PreferenceAudit {

  /** The action of a request that only looked at the page. */
  public static final String VIEW = "view";

  /** One audited request, for the subject access report and tests. */
  public record Entry(String taskId, String action, String via, String result, Instant at) {}

  private final JdbcClient db;

  public PreferenceAudit(JdbcClient db) {
    this.db = db;
  }

  public void record(String taskId, String action, Door via, PreferenceResult result, Instant at) {
    db.sql("INSERT INTO preference_action (task_id, action, via, result, at) VALUES (:task, :action, :via, :result, :at)")
        .param("task", taskId).param("action", action).param("via", via.code()).param("result", result.code())
        .param("at", Timestamps.of(at)).update();
  }

  /** The choices recorded for the task, in the order they were made. */
  public List<PreferenceAction> recorded(String taskId) {
    return db.sql("SELECT action FROM preference_action WHERE task_id = :task AND result = 'recorded' ORDER BY id")
        .param("task", taskId).query(String.class).list().stream()
        .map(code -> PreferenceAction.valueOf(code.toUpperCase(java.util.Locale.ROOT))).toList();
  }

  /** Every audited request for these tasks (a customer's), oldest first. */
  public List<Entry> of(List<String> taskIds) {
    if (taskIds.isEmpty()) {
      return List.of();
    }
    return db.sql("SELECT * FROM preference_action WHERE task_id IN (:tasks) ORDER BY id").param("tasks", taskIds)
        .query((rs, n) -> new Entry(rs.getString("task_id"), rs.getString("action"), rs.getString("via"),
            rs.getString("result"), Timestamps.read(rs, "at")))
        .list();
  }

  /** Retention: audit rows older than {@code before}, in a bounded batch. */
  public int removeBefore(Instant before, int limit) {
    return db.sql("""
        DELETE FROM preference_action WHERE id IN (SELECT id FROM preference_action WHERE at < :before LIMIT :limit)
        """).param("before", Timestamps.of(before)).param("limit", limit).update();
  }
}
