package io.winback.desk.reports;

import io.winback.desk.db.Timestamps;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.OutcomeEntry;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.schemas.rules.CaseStatuses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the reports' read model (tables report_case, report_task, report_outcome) as the case and
 * task records arrive. Every row is keyed by its caseId, taskId or feedbackId and upserted: a record
 * read again after a rebalance, or by the other replica, changes nothing, and an older case record
 * never overwrites a newer one. Nothing personal is written: ids, statuses, outcomes, channels,
 * classifications (goal, tier, reason codes, the account manager's id) and dates.
 */
@Repository
public class ReportReadModel {

  private final JdbcClient db;

  public ReportReadModel(JdbcClient db) {
    this.db = db;
  }

  /**
   * A case record from winback.cases.v1: the case row, its tasks and its outcome history. Tier and
   * account manager, when no task brought them, come from the desk's CRM copy at this moment.
   */
  @Transactional
  public void caseChanged(WinbackCase state, Instant now) {
    boolean applied = db.sql("""
        INSERT INTO report_case (case_id, customer_id, cohort, status, suppression_reason, goal, tier, account_manager,
          first_channel, customer_choice, opened_at, closed_at, first_contact_at, case_updated_at, updated_at)
        SELECT :caseId, :customerId, :cohort, :status, :suppressionReason, :goal, c.tier, c.account_manager_id,
          :firstChannel, :choice, :openedAt, :closedAt, :firstContactAt, :caseUpdatedAt, :now
        FROM (SELECT 1) AS one LEFT JOIN customer c ON c.customer_id = :customerId AND NOT c.erased
        ON CONFLICT (case_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, cohort = EXCLUDED.cohort,
          status = EXCLUDED.status, suppression_reason = EXCLUDED.suppression_reason,
          goal = COALESCE(EXCLUDED.goal, report_case.goal), tier = COALESCE(report_case.tier, EXCLUDED.tier),
          account_manager = COALESCE(report_case.account_manager, EXCLUDED.account_manager),
          first_channel = COALESCE(EXCLUDED.first_channel, report_case.first_channel),
          customer_choice = EXCLUDED.customer_choice, opened_at = EXCLUDED.opened_at, closed_at = EXCLUDED.closed_at,
          first_contact_at = EXCLUDED.first_contact_at, case_updated_at = EXCLUDED.case_updated_at,
          updated_at = EXCLUDED.updated_at
        WHERE report_case.case_updated_at IS NULL OR report_case.case_updated_at <= EXCLUDED.case_updated_at
        """)
        .param("caseId", state.getCaseId()).param("customerId", state.getCustomerId())
        .param("cohort", name(state.getCohort())).param("status", state.getStatus().name())
        .param("suppressionReason", "SUPPRESSED".equals(state.getStatus().name()) ? state.getStatusReason() : null)
        .param("goal", name(state.getGoal()))
        .param("firstChannel", state.getTasks().isEmpty() ? null : state.getTasks().get(0).getChannel().name())
        .param("choice", name(state.getCustomerChoice()))
        .param("openedAt", Timestamps.of(state.getOpenedAt()))
        .param("closedAt", state.getClosedAt() == null && CaseStatuses.isClosed(state.getStatus())
            ? Timestamps.of(state.getUpdatedAt()) : Timestamps.of(state.getClosedAt()))
        .param("firstContactAt", Timestamps.of(firstContact(state.getOutcomes())))
        .param("caseUpdatedAt", Timestamps.of(state.getUpdatedAt()))
        .param("now", Timestamps.of(now)).update() == 1;
    if (!applied) {
      return; // an older record than the one applied: its tasks' states are older too
    }
    for (CaseTask task : state.getTasks()) {
      db.sql("""
          INSERT INTO report_task (task_id, case_id, channel, attempt, state, updated_at)
          VALUES (:taskId, :caseId, :channel, :attempt, :state, :now)
          ON CONFLICT (task_id) DO UPDATE SET case_id = EXCLUDED.case_id, channel = EXCLUDED.channel,
            attempt = EXCLUDED.attempt, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
          """).param("taskId", task.getTaskId()).param("caseId", state.getCaseId())
          .param("channel", task.getChannel().name()).param("attempt", task.getAttempt())
          .param("state", task.getState().name()).param("now", Timestamps.of(now)).update();
    }
    for (OutcomeEntry outcome : state.getOutcomes()) {
      db.sql("""
          INSERT INTO report_outcome (feedback_id, case_id, task_id, outcome, feedback_category, recorded_at)
          VALUES (:feedbackId, :caseId, :taskId, :outcome, :category, :recordedAt)
          ON CONFLICT (feedback_id) DO NOTHING
          """).param("feedbackId", outcome.getFeedbackId()).param("caseId", state.getCaseId())
          .param("taskId", outcome.getTaskId()).param("outcome", outcome.getOutcome().name())
          .param("category", name(outcome.getFeedbackCategory()))
          .param("recordedAt", Timestamps.of(outcome.getRecordedAt())).update();
    }
  }

  /**
   * A new task from a task topic: when it was created, and the case's tier, cancellation reason and
   * account manager as the processor knew them. The task's tier (the policy's snapshot) replaces one
   * taken from the CRM copy; the reason and the account manager stay as first known.
   */
  @Transactional
  public void taskCreated(OutreachTask task, Instant now) {
    String tier = task.getContext() == null ? null : name(task.getContext().getTier());
    String reason = task.getContext() == null ? null : name(task.getContext().getReason());
    // An in-person task is assigned to the customer's account manager.
    String manager = task.getChannel() == Channel.IN_PERSON ? task.getAssignee() : null;
    // The case row first, as caseChanged does: both lock report_case before report_task, never the
    // other way round, so the case and task consumers never deadlock on one case.
    db.sql("""
        INSERT INTO report_case (case_id, customer_id, goal, tier, cancellation_reason, account_manager, updated_at)
        VALUES (:caseId, :customerId, :goal, :tier, :reason, :manager, :now)
        ON CONFLICT (case_id) DO UPDATE SET goal = COALESCE(report_case.goal, EXCLUDED.goal),
          tier = COALESCE(EXCLUDED.tier, report_case.tier),
          cancellation_reason = COALESCE(report_case.cancellation_reason, EXCLUDED.cancellation_reason),
          account_manager = COALESCE(report_case.account_manager, EXCLUDED.account_manager)
        """).param("caseId", task.getCaseId()).param("customerId", task.getCustomerId())
        .param("goal", name(task.getGoal())).param("tier", tier).param("reason", reason).param("manager", manager)
        .param("now", Timestamps.of(now)).update();
    db.sql("""
        INSERT INTO report_task (task_id, case_id, channel, attempt, state, created_at, updated_at)
        VALUES (:taskId, :caseId, :channel, :attempt, 'PENDING', :createdAt, :now)
        ON CONFLICT (task_id) DO UPDATE SET created_at = EXCLUDED.created_at
        """).param("taskId", task.getTaskId()).param("caseId", task.getCaseId())
        .param("channel", task.getChannel().name()).param("attempt", task.getAttempt())
        .param("createdAt", Timestamps.of(task.getCreatedAt())).param("now", Timestamps.of(now)).update();
  }

  /** A tombstone on winback.cases.v1: the case and its report rows go. */
  @Transactional
  public void caseRemoved(String caseId) {
    // report_case first: the same lock order as every write here.
    db.sql("DELETE FROM report_case WHERE case_id = :id").param("id", caseId).update();
    db.sql("DELETE FROM report_task WHERE case_id = :id").param("id", caseId).update();
    db.sql("DELETE FROM report_outcome WHERE case_id = :id").param("id", caseId).update();
  }

  /**
   * Retention: up to {@code limit} cases closed before {@code before} leave the read model with
   * their tasks and outcomes (the same period as the desk's case statuses). Returns how many cases.
   */
  @Transactional
  public int removeClosedBefore(Instant before, int limit) {
    List<String> ids = db.sql("""
        SELECT case_id FROM report_case WHERE closed_at < :before ORDER BY closed_at LIMIT :limit
        FOR UPDATE SKIP LOCKED
        """).param("before", Timestamps.of(before)).param("limit", limit).query(String.class).list();
    if (ids.isEmpty()) {
      return 0;
    }
    db.sql("DELETE FROM report_outcome WHERE case_id IN (:ids)").param("ids", ids).update();
    db.sql("DELETE FROM report_task WHERE case_id IN (:ids)").param("ids", ids).update();
    return db.sql("DELETE FROM report_case WHERE case_id IN (:ids)").param("ids", ids).update();
  }

  /**
   * The customer's rows of the read model, for the subject access report: each case with its tasks
   * and outcomes, as stored (there is nothing personal to open).
   */
  public List<Map<String, Object>> ofCustomer(String customerId) {
    List<Map<String, Object>> cases = db.sql("SELECT case_id, cohort, status, suppression_reason, goal, tier, "
            + "cancellation_reason, account_manager, first_channel, customer_choice, opened_at, closed_at, "
            + "first_contact_at FROM report_case WHERE customer_id = :id ORDER BY case_id")
        .param("id", customerId).query().listOfRows();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> found : cases) {
      Map<String, Object> row = new LinkedHashMap<>(found);
      Object caseId = row.get("case_id");
      row.put("tasks", db.sql("SELECT task_id, channel, attempt, state, created_at FROM report_task "
          + "WHERE case_id = :id ORDER BY task_id").param("id", caseId).query().listOfRows());
      row.put("outcomes", db.sql("SELECT feedback_id, task_id, outcome, feedback_category, recorded_at "
          + "FROM report_outcome WHERE case_id = :id ORDER BY recorded_at, feedback_id").param("id", caseId)
          .query().listOfRows());
      rows.add(row);
    }
    return rows;
  }

  /** The first outcome that approached the customer, if any. */
  static Instant firstContact(List<OutcomeEntry> outcomes) {
    return outcomes.stream().filter(outcome -> ReportFigures.CONTACT_OUTCOMES.contains(outcome.getOutcome().name()))
        .map(OutcomeEntry::getRecordedAt).min(Instant::compareTo).orElse(null);
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
