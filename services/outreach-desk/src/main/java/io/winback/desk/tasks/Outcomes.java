package io.winback.desk.tasks;

import io.winback.desk.feedback.FeedbackPublisher;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.CancellationReason;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds and publishes the OutreachFeedback for a task. */
@Component
public class Outcomes {

  private final FeedbackPublisher publisher;
  private final Clock clock;

  public Outcomes(FeedbackPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * @param feedbackId the idempotency key; null for a fresh one (an agent's action), a stable one
   *     where the same fact may be reported twice (the mailer's SENT)
   */
  public OutreachFeedback publish(WorklistItem item, Outcome outcome, String recordedBy, String feedbackId,
      CancellationReason category, String text, Instant meetingAt) {
    return publish(item, outcome, recordedBy, feedbackId, category, text, meetingAt, null);
  }

  public OutreachFeedback publish(WorklistItem item, Outcome outcome, String recordedBy, String feedbackId,
      CancellationReason category, String text, Instant meetingAt, String meetingPlace) {
    OutreachFeedback feedback = OutreachFeedback.newBuilder()
        .setFeedbackId(feedbackId != null ? feedbackId : "fb-" + UUID.randomUUID())
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
        .build();
    publisher.publish(feedback);
    return feedback;
  }
}
