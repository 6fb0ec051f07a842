package io.winback.schemas.rules;

import io.winback.events.CaseStatus;
import io.winback.events.Outcome;
import io.winback.events.TaskState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an outcome does to the task it is recorded for, by the task's state: the one table the
 * processor's lifecycle applies and the desk checks before it publishes an outcome. A pair the
 * table does not allow changes nothing; the processor sends it to the dead-letter topic with
 * {@link #rejection}.
 *
 * <p>The task states, as both services understand them:
 * <ul>
 *   <li>PENDING: created, nothing has happened yet (the desk's OPEN task, or an email not yet sent).
 *   <li>SENT: the customer has been approached and a result is awaited: a written outreach went
 *       out, the customer was reached (REACHED: "reached, the conversation's result follows"), or a
 *       meeting was arranged. The task stays workable: its result is recorded on it.
 *   <li>DONE, FAILED, CANCELLED: final. Nothing changes them any more. One exception is recorded,
 *       and only that: an outcome the desk records by itself ({@link #AUTOMATIC}: SENT,
 *       DELIVERY_FAILED, SUPPRESSED) for a task that its case's close cancelled. It is the expected
 *       race of a close during a send (the customer withdrew the cancellation while the mail went
 *       out; the desk acted before the CANCEL reached it): true, not bad input, and without effect.
 * </ul>
 * PENDING and SENT are the open states ({@link #OPEN}): when a case closes, every task still in
 * one of them gets a CANCEL, so it leaves the worklist and a scheduled send stops.
 */
public final class TaskOutcomes {

  /** What the case does after the outcome, besides the task taking its next state. */
  public enum CaseEffect {
    AWAIT_ANSWER(null, "await answer",
        "the case waits for the customer's answer; a written task starts the no-answer timer"),
    AWAIT_RESULT(null, "await result",
        "the case stays OPEN: the conversation's result follows on this task"),
    AWAIT_MEETING(null, "await meeting",
        "the case is AWAITING_MEETING; the meeting's result follows on this task"),
    RETRY(null, "retry",
        "another attempt, decided by the channel policy on today's data; if none is allowed the case closes with the reason"),
    NEXT_WRITTEN(null, "next written",
        "the next written channel, decided by the channel policy; none left: a follow-up on another channel family;"
            + " none: the case closes NO_RESPONSE, unless another of its tasks is under way"),
    CLOSE_FEEDBACK_COLLECTED(CaseStatus.FEEDBACK_COLLECTED, "close FEEDBACK_COLLECTED",
        "the case closes FEEDBACK_COLLECTED"),
    CLOSE_WON_BACK(CaseStatus.WON_BACK, "close WON_BACK", "the case closes WON_BACK"),
    CLOSE_DECLINED(CaseStatus.DECLINED, "close DECLINED", "the case closes DECLINED"),
    CLOSE_DO_NOT_CONTACT(CaseStatus.DECLINED, "close DECLINED, suppress",
        "the case closes DECLINED, the customer's other open cases close SUPPRESSED (their tasks cancelled), and the"
            + " customer is not contacted in any later case"),
    CLOSE_UNLESS_OTHER_OPEN(CaseStatus.SUPPRESSED, "close SUPPRESSED unless another is under way",
        "the case closes SUPPRESSED, unless another of its tasks is under way: still to be done (PENDING), or"
            + " reached or with a meeting arranged (SENT, its result awaited)"),
    RECORD_AFTER_CLOSE(null, "recorded only, if its case's close cancelled it",
        "the desk acted on the task while the CANCEL of its case's close was on its way (a withdrawal during a"
            + " send): the outcome goes into the case's outcome history and changes nothing else, no dead letter;"
            + " for a task the desk's own SUPPRESSED cancelled it is refused");

    private final CaseStatus closesAs;
    private final String label;
    private final String description;

    CaseEffect(CaseStatus closesAs, String label, String description) {
      this.closesAs = closesAs;
      this.label = label;
      this.description = description;
    }

    /** The status the case closes with, if this effect closes it. */
    public Optional<CaseStatus> closesAs() {
      return Optional.ofNullable(closesAs);
    }

    /** A few words for a table cell. */
    public String label() {
      return label;
    }

    /** One sentence: what happens to the case. */
    public String description() {
      return description;
    }
  }

  /** An allowed pair: the task's next state and what happens to its case. */
  public record Step(TaskState state, Outcome outcome, TaskState next, CaseEffect effect) {}

  /** The states in which a task is still open: in the worklist, answerable, cancelled when its case closes. */
  public static final Set<TaskState> OPEN = Collections.unmodifiableSet(EnumSet.of(TaskState.PENDING, TaskState.SENT));

  /**
   * The outcomes the desk records by itself, without an agent or the customer: the mailer's SENT and
   * DELIVERY_FAILED, and SUPPRESSED when consent no longer allows the task right before it is acted on.
   */
  public static final Set<Outcome> AUTOMATIC = Collections.unmodifiableSet(
      EnumSet.of(Outcome.SENT, Outcome.DELIVERY_FAILED, Outcome.SUPPRESSED));

  private static final Map<TaskState, Map<Outcome, Step>> TABLE = new EnumMap<>(TaskState.class);

  static {
    // Nothing has happened yet: every outcome can come first.
    allow(TaskState.PENDING, Outcome.SENT, TaskState.SENT, CaseEffect.AWAIT_ANSWER);
    allow(TaskState.PENDING, Outcome.DELIVERY_FAILED, TaskState.FAILED, CaseEffect.NEXT_WRITTEN);
    allow(TaskState.PENDING, Outcome.REACHED, TaskState.SENT, CaseEffect.AWAIT_RESULT);
    allow(TaskState.PENDING, Outcome.NOT_REACHED, TaskState.DONE, CaseEffect.RETRY);
    allow(TaskState.PENDING, Outcome.FEEDBACK_RECEIVED, TaskState.DONE, CaseEffect.CLOSE_FEEDBACK_COLLECTED);
    allow(TaskState.PENDING, Outcome.WON_BACK, TaskState.DONE, CaseEffect.CLOSE_WON_BACK);
    allow(TaskState.PENDING, Outcome.DECLINED, TaskState.DONE, CaseEffect.CLOSE_DECLINED);
    allow(TaskState.PENDING, Outcome.DO_NOT_CONTACT, TaskState.DONE, CaseEffect.CLOSE_DO_NOT_CONTACT);
    allow(TaskState.PENDING, Outcome.MEETING_SCHEDULED, TaskState.SENT, CaseEffect.AWAIT_MEETING);
    allow(TaskState.PENDING, Outcome.SUPPRESSED, TaskState.CANCELLED, CaseEffect.CLOSE_UNLESS_OTHER_OPEN);
    // Approached, the result awaited: a result, a bounce that came late, or the meeting arranged.
    // Not a second SENT, not NOT_REACHED after the customer was reached, not a suppression after contact.
    allow(TaskState.SENT, Outcome.DELIVERY_FAILED, TaskState.FAILED, CaseEffect.NEXT_WRITTEN);
    allow(TaskState.SENT, Outcome.REACHED, TaskState.SENT, CaseEffect.AWAIT_RESULT);
    allow(TaskState.SENT, Outcome.FEEDBACK_RECEIVED, TaskState.DONE, CaseEffect.CLOSE_FEEDBACK_COLLECTED);
    allow(TaskState.SENT, Outcome.WON_BACK, TaskState.DONE, CaseEffect.CLOSE_WON_BACK);
    allow(TaskState.SENT, Outcome.DECLINED, TaskState.DONE, CaseEffect.CLOSE_DECLINED);
    allow(TaskState.SENT, Outcome.DO_NOT_CONTACT, TaskState.DONE, CaseEffect.CLOSE_DO_NOT_CONTACT);
    allow(TaskState.SENT, Outcome.MEETING_SCHEDULED, TaskState.SENT, CaseEffect.AWAIT_MEETING);
    // DONE and FAILED are final: nothing is allowed. CANCELLED takes only the desk's own outcomes that
    // crossed the CANCEL of the case's close, recorded without effect (the processor checks who cancelled).
    for (Outcome automatic : AUTOMATIC) {
      allow(TaskState.CANCELLED, automatic, TaskState.CANCELLED, CaseEffect.RECORD_AFTER_CLOSE);
    }
  }

  private TaskOutcomes() {}

  /** The step for this pair, or empty when the table does not allow it. */
  public static Optional<Step> step(TaskState state, Outcome outcome) {
    Map<Outcome, Step> row = TABLE.get(state);
    return Optional.ofNullable(row == null ? null : row.get(outcome));
  }

  public static boolean allows(TaskState state, Outcome outcome) {
    return step(state, outcome).isPresent();
  }

  /** The reason a pair the table does not allow is refused, the same in every service. */
  public static String rejection(TaskState state, Outcome outcome) {
    return "outcome " + outcome + " for a task in state " + state;
  }

  public static boolean isOpen(TaskState state) {
    return state != null && OPEN.contains(state);
  }

  /** Every allowed step, by task state then outcome, in the order of their enums. */
  public static List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    for (TaskState state : TaskState.values()) {
      for (Outcome outcome : Outcome.values()) {
        step(state, outcome).ifPresent(steps::add);
      }
    }
    return List.copyOf(steps);
  }

  private static void allow(TaskState state, Outcome outcome, TaskState next, CaseEffect effect) {
    TABLE.computeIfAbsent(state, s -> new EnumMap<>(Outcome.class)).put(outcome, new Step(state, outcome, next, effect));
  }
}
