package io.winback.desk.feedback;

import io.winback.events.OutreachFeedback;
import io.winback.schemas.topics.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes outcomes on outreach.feedback.v1 and waits for the broker's acknowledgement. */
@Component
public class FeedbackPublisher {

  private final KafkaTemplate<String, OutreachFeedback> template;

  public FeedbackPublisher(KafkaTemplate<String, OutreachFeedback> feedbackTemplate) {
    this.template = feedbackTemplate;
  }

  public void publish(OutreachFeedback feedback) {
    try {
      template.send(Topics.FEEDBACK.name(), feedback.getCustomerId(), feedback).get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeedbackNotPublishedException("interrupted while publishing feedback", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new FeedbackNotPublishedException("the feedback topic did not acknowledge the outcome", e);
    }
  }

  /** Kafka did not take the outcome; nothing was recorded, the caller may try again. */
  public static class FeedbackNotPublishedException extends RuntimeException {
    public FeedbackNotPublishedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
