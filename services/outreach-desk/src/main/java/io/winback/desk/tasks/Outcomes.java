package io.winback.desk.tasks;

import io.winback.desk.consent.CustomerRecord;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.CancellationReason;
import io.winback.events.CustomerChoice;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.privacy.FeedbackSeals;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the OutreachFeedback for a task and puts it into the outbox, inside the caller's
 * transaction: the outcome is recorded together with the task's change, or not at all. For a
 * customer who was erased it is recorded without free text and meeting place.
 */
@Component
public class Outcomes {

  private final FeedbackOutbox outbox;
  private final CustomerRepository customers;
  private final CustomerKeys keys;
  private final Clock clock;

  public Outcomes(FeedbackOutbox outbox, CustomerRepository customers, CustomerKeys keys, Clock clock) {
    this.outbox = outbox;
    this.customers = customers;
    this.keys = keys;
    this.clock = clock;
  }

  /** The desk's own outcome (sent, failed, suppressed): one per task, so its feedbackId is stable. */
  public OutreachFeedback record(WorklistItem item, Outcome outcome, String recordedBy, String reason) {
    return record(item, outcome, recordedBy, stableId(outcome, item.taskId()), null, null, null, null, reason, null);
  }

  /**
   * What the customer chose themselves (the preference page, the one-click or mailto unsubscribe),
   * with the caller's stable feedbackId: recorded once, however often it is asked. Returns whether
   * it was new.
   */
  public boolean recordChoice(WorklistItem item, Outcome outcome, CustomerChoice choice, String text,
      String recordedBy, String feedbackId) {
    return outbox.add(build(item, outcome, recordedBy, feedbackId, null, text, null, null, null, choice));
  }

  /** An agent's outcome: a fresh feedbackId, fixed here, in the transaction that records it. */
  public OutreachFeedback record(WorklistItem item, OutcomeCommand command, String recordedBy) {
    return record(item, command.outcome(), recordedBy, "fb-" + UUID.randomUUID(), command.category(),
        command.text(), command.meetingAt(), command.meetingPlace(), null, null);
  }

  private OutreachFeedback record(WorklistItem item, Outcome outcome, String recordedBy, String feedbackId,
      CancellationReason category, String text, Instant meetingAt, String meetingPlace, String reason,
      CustomerChoice choice) {
    OutreachFeedback feedback = build(item, outcome, recordedBy, feedbackId, category, text, meetingAt, meetingPlace,
        reason, choice);
    outbox.add(feedback);
    return feedback;
  }

  private OutreachFeedback build(WorklistItem item, Outcome outcome, String recordedBy, String feedbackId,
      CancellationReason category, String text, Instant meetingAt, String meetingPlace, String reason,
      CustomerChoice choice) {
    OutreachFeedback feedback = OutreachFeedback.newBuilder()
        .setFeedbackId(feedbackId)
        .setTaskId(item.taskId())
        .setCaseId(item.caseId())
        .setCustomerId(item.customerId())
        .setChannel(item.channel())
        .setOutcome(outcome)
        .setFeedbackCategory(category)
        .setFeedbackText(text)
        .setMeetingAt(meetingAt)
        .setMeetingPlace(meetingPlace)
        .setRecordedBy(recordedBy)
        .setRecordedAt(clock.instant())
        .setReason(reason)
        .setCustomerChoice(choice)
        .build();
    if ((text != null || meetingPlace != null) && erased(item.customerId())) {
      feedback = FeedbackSeals.withoutPersonalData(feedback);
    }
    return feedback;
  }

  private boolean erased(String customerId) {
    return keys.erased(customerId) || customers.find(customerId).map(CustomerRecord::erased).orElse(false);
  }

  /** fb-sent-, fb-failed-, fb-suppressed- and the taskId: the same fact reported twice is applied once. */
  static String stableId(Outcome outcome, String taskId) {
    String kind = switch (outcome) {
      case SENT -> "sent";
      case DELIVERY_FAILED -> "failed";
      case SUPPRESSED -> "suppressed";
      default -> throw new IllegalArgumentException(outcome + " is an agent's outcome, with a fresh feedbackId");
    };
    return "fb-" + kind + "-" + taskId;
  }
}
