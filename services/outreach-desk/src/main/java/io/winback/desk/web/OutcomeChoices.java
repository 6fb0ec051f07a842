package io.winback.desk.web;

import io.winback.desk.tasks.OutcomeRules;
import io.winback.desk.tasks.TaskActions;
import io.winback.desk.worklist.TaskStatus;
import io.winback.events.Outcome;
import java.util.List;

/**
 * Which outcomes the form offers for a task: those that can happen on its channel, of the ones
 * an agent may record at all ({@link TaskActions#AGENT_OUTCOMES}) and the shared outcome table
 * allows in the task's state. TaskActions stays the judge.
 */
final class OutcomeChoices {

  private OutcomeChoices() {}

  static List<Outcome> of(TaskView task) {
    List<Outcome> fitting = switch (task.channel()) {
      case PHONE -> List.of(Outcome.FEEDBACK_RECEIVED, Outcome.REACHED, Outcome.NOT_REACHED, Outcome.WON_BACK,
          Outcome.MEETING_SCHEDULED, Outcome.DECLINED, Outcome.DO_NOT_CONTACT);
      case IN_PERSON -> List.of(Outcome.FEEDBACK_RECEIVED, Outcome.MEETING_SCHEDULED, Outcome.REACHED,
          Outcome.NOT_REACHED, Outcome.WON_BACK, Outcome.DECLINED, Outcome.DO_NOT_CONTACT);
      // Letters and WhatsApp messages go out by hand (SENT); the answer comes later.
      case LETTER, WHATSAPP -> task.status() == TaskStatus.OPEN
          ? List.of(Outcome.SENT, Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK, Outcome.MEETING_SCHEDULED,
              Outcome.DECLINED, Outcome.DO_NOT_CONTACT)
          : List.of(Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK, Outcome.MEETING_SCHEDULED, Outcome.DECLINED,
              Outcome.DO_NOT_CONTACT);
      // An answer to an email, recorded by hand.
      case EMAIL -> List.of(Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK, Outcome.MEETING_SCHEDULED,
          Outcome.DECLINED, Outcome.DO_NOT_CONTACT);
    };
    // Only what the shared outcome table allows now; REACHED once is enough.
    return fitting.stream().filter(TaskActions.AGENT_OUTCOMES::contains)
        .filter(outcome -> OutcomeRules.allows(task.status(), outcome))
        .filter(outcome -> !(outcome == Outcome.REACHED && task.status() == TaskStatus.SENT))
        .toList();
  }
}
