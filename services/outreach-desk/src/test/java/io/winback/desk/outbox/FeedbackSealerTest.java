package io.winback.desk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.winback.desk.TestKeys;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the relay publishes of an outcome: sealed, stripped after the erasure, or nothing yet. */
class FeedbackSealerTest {

  private static final Instant RECORDED = Instant.parse("2026-11-27T09:00:00Z");

  private final TestKeys processor = new TestKeys();
  private final KeyRing ring = new KeyRing();
  private final AtomicReference<Instant> ringComplete = new AtomicReference<>(RECORDED.plusSeconds(1));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final FeedbackSealer sealer = new FeedbackSealer(
      new CustomerKeys(ring, ringComplete::get, Duration.ofSeconds(30)), meters);

  @Test
  void freeTextLeavesSealedAndTheProcessorOpensIt() {
    ring.apply("C-1", TestKeys.record("C-1", processor.keyOf("C-1")));
    OutreachFeedback sealed = sealer.forPublishing(feedback("C-1", "Zu teuer, sagt sie", "Café am Markt")).orElseThrow();

    byte[] wire = Topics.FEEDBACK.valueSerde().serializer().serialize(Topics.FEEDBACK.name(), sealed);
    assertThat(new String(wire, StandardCharsets.UTF_8)).doesNotContain("Zu teuer", "Café");
    assertThat(sealed.getFeedbackId()).isEqualTo("fb-1");
    OutreachFeedback opened = processor.open(sealed);
    assertThat(opened.getFeedbackText()).isEqualTo("Zu teuer, sagt sie");
    assertThat(opened.getMeetingPlace()).isEqualTo("Café am Markt");
  }

  @Test
  void anOutcomeWithoutFreeTextNeedsNoKey() {
    OutreachFeedback plain = feedback("C-nokey", null, null);
    assertThat(sealer.forPublishing(plain)).contains(plain);
  }

  @Test
  void whileTheKeyIsNotHereTheOutcomeWaitsAndOnceTheRingHasLongBeenCompleteWithoutItTheTextStaysBehind() {
    OutreachFeedback recorded = feedback("C-2", "Bitte zurückrufen", null);
    assertThat(sealer.forPublishing(recorded)).isEmpty();

    ringComplete.set(RECORDED.plusSeconds(31));
    OutreachFeedback published = sealer.forPublishing(recorded).orElseThrow();
    assertThat(published.getFeedbackText()).isNull();
    assertThat(published.getSealed()).isNull();
    assertThat(published.getOutcome()).isEqualTo(Outcome.FEEDBACK_RECEIVED);
    assertThat(meters.counter("winback.desk.feedback.text.dropped").count()).isEqualTo(1.0);
  }

  @Test
  void anErasedCustomersOutcomeLeavesWithoutPersonalData() {
    ring.apply("C-3", TestKeys.erasedRecord("C-3"));
    OutreachFeedback published = sealer.forPublishing(feedback("C-3", "Bitte zurückrufen", "Filiale")).orElseThrow();
    assertThat(published.getFeedbackText()).isNull();
    assertThat(published.getMeetingPlace()).isNull();
    assertThat(published.getSealed()).isNull();
    assertThat(published.getFeedbackId()).isEqualTo("fb-1");
  }

  private static OutreachFeedback feedback(String customerId, String text, String place) {
    return OutreachFeedback.newBuilder().setFeedbackId("fb-1").setTaskId("t-1").setCaseId("case-1")
        .setCustomerId(customerId).setChannel(Channel.PHONE).setOutcome(Outcome.FEEDBACK_RECEIVED)
        .setFeedbackCategory(null).setFeedbackText(text).setMeetingAt(null).setMeetingPlace(place)
        .setRecordedBy("agent").setRecordedAt(RECORDED).setReason(null).build();
  }
}
