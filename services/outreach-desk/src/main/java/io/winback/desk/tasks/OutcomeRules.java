package io.winback.desk.tasks;

import io.winback.desk.worklist.TaskStatus;
import io.winback.events.Outcome;
import io.winback.events.TaskState;
import io.winback.schemas.rules.TaskOutcomes;
import java.util.Optional;

/**
 * The shared task state × outcome table ({@link TaskOutcomes}) in the desk's terms: the desk
 * records an outcome only where the processor will apply it, and moves the task the same way.
 */
public final class OutcomeRules {

  private OutcomeRules() {}

  /** The processor's state of a task the desk has in this status. */
  public static TaskState stateOf(TaskStatus status) {
    return switch (status) {
      case OPEN -> TaskState.PENDING;
      case SENT -> TaskState.SENT;
      case DONE -> TaskState.DONE;
      case FAILED -> TaskState.FAILED;
      case CANCELLED, SUPPRESSED -> TaskState.CANCELLED;
    };
  }

  /** The desk's status after the outcome, or empty when the table does not allow it. */
  public static Optional<TaskStatus> next(TaskStatus status, Outcome outcome) {
    return TaskOutcomes.step(stateOf(status), outcome).map(step -> switch (step.next()) {
      case PENDING -> TaskStatus.OPEN;
      case SENT -> TaskStatus.SENT;
      case DONE -> TaskStatus.DONE;
      case FAILED -> TaskStatus.FAILED;
      // The only way into CANCELLED by an outcome is the desk's own suppression.
      case CANCELLED -> TaskStatus.SUPPRESSED;
    });
  }

  /** Still open in the table's sense (PENDING or SENT): workable, and cancelled when its case closes. */
  public static boolean isOpen(TaskStatus status) {
    return TaskOutcomes.isOpen(stateOf(status));
  }

  public static boolean allows(TaskStatus status, Outcome outcome) {
    return next(status, outcome).isPresent();
  }

  /** "outcome X for a task in state Y", the same words the processor dead-letters with. */
  public static String rejection(TaskStatus status, Outcome outcome) {
    return TaskOutcomes.rejection(stateOf(status), outcome);
  }
}
