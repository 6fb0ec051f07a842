package io.winback.desk.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.privacy.FeedbackSeals;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An outcome as it may leave the desk: its free text and meeting place sealed with the customer's
 * key; without them once the customer is erased; empty (wait) while the key ring does not know the
 * key yet. An outcome without free text needs no key and goes as it is.
 */
@Component
public class FeedbackSealer {

  private static final Logger log = LoggerFactory.getLogger(FeedbackSealer.class);

  private final CustomerKeys keys;
  private final Counter withoutKey;

  public FeedbackSealer(CustomerKeys keys, MeterRegistry meters) {
    this.keys = keys;
    this.withoutKey = Counter.builder("winback.desk.feedback.text.dropped")
        .description("Outcomes published without their free text because the customer has no key to seal it with "
            + "(a task of a processor that did not seal yet)")
        .register(meters);
  }

  /** The record to publish now, or empty: this customer's outcomes wait for the key ring. */
  public Optional<OutreachFeedback> forPublishing(OutreachFeedback recorded) {
    boolean personal = recorded.getSealed() != null || recorded.getFeedbackText() != null
        || recorded.getMeetingPlace() != null;
    if (!personal) {
      return Optional.of(recorded);
    }
    return switch (keys.state(recorded.getCustomerId())) {
      case KNOWN -> Optional.of(FeedbackSeals.seal(recorded, keys.key(recorded.getCustomerId()).orElseThrow()));
      case ERASED -> Optional.of(FeedbackSeals.withoutPersonalData(recorded));
      case UNKNOWN -> {
        if (!keys.noKeyFor(recorded.getCustomerId(), recorded.getRecordedAt())) {
          yield Optional.empty();
        }
        // Never in the clear on a topic: the outcome goes on (the case needs it), its free text stays behind.
        withoutKey.increment();
        log.warn("outcome {} of task {} published without its free text: the customer has no key to seal it with",
            recorded.getFeedbackId(), recorded.getTaskId());
        yield Optional.of(FeedbackSeals.withoutPersonalData(recorded));
      }
    };
  }
}
