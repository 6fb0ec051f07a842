package io.winback.processor.cases;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.schemas.rules.CaseStatuses;
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

  /** Tasks not yet finished: they get a CANCEL when the case closes. */
  public List<CaseTask> openTasks() {
    return state.getTasks().stream()
        .filter(task -> task.getState() == TaskState.PENDING || task.getState() == TaskState.SENT)
        .toList();
  }

  /** The highest attempt so far; a replacement after a failed delivery keeps its attempt number. */
  public int attempts() {
    return state.getTasks().stream().mapToInt(CaseTask::getAttempt).max().orElse(0);
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
