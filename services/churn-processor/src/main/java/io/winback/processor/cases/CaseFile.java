package io.winback.processor.cases;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Outcome;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.schemas.rules.CaseStatuses;
import io.winback.schemas.rules.TaskOutcomes;
import java.util.List;
import java.util.Optional;

/**
 * Everything the processor keeps about one case: its public state and the cancellation that
 * opened it (needed again for follow-ups and for the NEEDS_DATA path).
 */
public record CaseFile(WinbackCase state, CancellationEvent cancellation) {

  public static boolean isClosed(CaseStatus status) {
    return CaseStatuses.isClosed(status);
  }

  public boolean closed() {
    return isClosed(state.getStatus());
  }

  /** Opened, but the CRM data it needs to decide has not arrived yet. */
  public boolean awaitingData() {
    return !closed() && state.getGoal() == null;
  }

  public Optional<CaseTask> task(String taskId) {
    return state.getTasks().stream().filter(task -> task.getTaskId().equals(taskId)).findFirst();
  }

  /** Tasks not yet finished (PENDING or SENT): they get a CANCEL when the case closes. */
  public List<CaseTask> openTasks() {
    return state.getTasks().stream().filter(task -> TaskOutcomes.isOpen(task.getState())).toList();
  }

  /**
   * Tasks that will still move the case by themselves: one still to be done (PENDING), or a
   * conversation whose result an agent will record (reached, or a meeting arranged). A written
   * outreach that only went out is not among them: its no-answer timer decides for it.
   */
  public List<CaseTask> underWay() {
    return state.getTasks().stream()
        .filter(task -> task.getState() == TaskState.PENDING
            || (task.getState() == TaskState.SENT && answered(task.getTaskId())))
        .toList();
  }

  /** Whether anything beyond SENT was recorded for the task: the customer answered or was reached. */
  public boolean answered(String taskId) {
    return state.getOutcomes().stream()
        .anyMatch(outcome -> outcome.getTaskId().equals(taskId) && outcome.getOutcome() != Outcome.SENT);
  }

  /** The highest attempt so far; a replacement after a failed delivery keeps its attempt number. */
  public int attempts() {
    return state.getTasks().stream().mapToInt(CaseTask::getAttempt).max().orElse(0);
  }

  /**
   * Whether the case's close cancelled the task (every CANCEL the processor emits comes from a close),
   * not the desk's own SUPPRESSED, which is the only outcome that leads into CANCELLED.
   */
  public boolean cancelledByClose(String taskId) {
    return closed() && task(taskId).filter(task -> task.getState() == TaskState.CANCELLED).isPresent()
        && state.getOutcomes().stream()
            .noneMatch(outcome -> outcome.getTaskId().equals(taskId) && outcome.getOutcome() == Outcome.SUPPRESSED);
  }

  public boolean hasApplied(String feedbackId) {
    return state.getOutcomes().stream().anyMatch(outcome -> outcome.getFeedbackId().equals(feedbackId));
  }

  public String caseId() {
    return state.getCaseId();
  }

  public String customerId() {
    return state.getCustomerId();
  }
}
