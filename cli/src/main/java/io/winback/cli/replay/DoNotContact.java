package io.winback.cli.replay;

import io.winback.events.Outcome;
import io.winback.schemas.rules.TaskOutcomes;

/** Which outcome makes the processor remember that a customer must not be contacted again. */
final class DoNotContact {

  private DoNotContact() {}

  /** Read from the shared outcome table: the outcome closes the case and suppresses the customer. */
  static boolean recordedBy(Outcome outcome) {
    return TaskOutcomes.OPEN.stream().anyMatch(state -> TaskOutcomes.step(state, outcome)
        .map(step -> step.effect() == TaskOutcomes.CaseEffect.CLOSE_DO_NOT_CONTACT).orElse(false));
  }
}
