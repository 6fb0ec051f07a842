package io.winback.monitor.deadletters;

import static io.winback.monitor.deadletters.DeadLetterFixtures.cancellationBytes;
import static io.winback.monitor.deadletters.DeadLetterFixtures.deadLetter;
import static io.winback.monitor.deadletters.DeadLetterFixtures.erasedRecord;
import static io.winback.monitor.deadletters.DeadLetterFixtures.headers;
import static io.winback.monitor.deadletters.DeadLetterFixtures.keyRecord;
import static io.winback.monitor.deadletters.DeadLetterFixtures.sealedHeaders;
import static io.winback.monitor.deadletters.DeadLetterFixtures.sealedValue;
import static io.winback.monitor.deadletters.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.Contact;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.OutreachTask;
import io.winback.events.Salutation;
import io.winback.events.TaskAction;
import io.winback.schemas.privacy.DeadLetterContents;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A revealed dead letter whose value is sealed with the customer's key: decoded once opened, read as
 * erased after the erasure (no bytes, no error), "not available yet" before the key is known, and
 * nothing at all when the seal does not open; a dropped value says why.
 */
class SealedDeadLetterTest {

  private static final String CUSTOMER = "C-2001";
  private final KeyMaterial key = Sealing.newKey(1);
  private final KeyRing ring = new KeyRing();
  private final AtomicBoolean caughtUp = new AtomicBoolean(true);
  private final SealedLetters keys = new SealedLetters(ring, caughtUp::get);

  @BeforeAll
  static void trustWinbackClasses() {
    TrustedPackages.install();
  }

  @Test
  void aSealedValueIsOpenedWithTheCustomersKeyAndDecodedAsToday() {
    ring.apply(CUSTOMER, keyRecord(CUSTOMER, key));

    DeadLetter letter = DeadLetterDecoder.decode(sealedLetter(key), keys);

    assertThat(letter.valueState()).isEqualTo(DeadLetterContents.State.OPENED);
    assertThat(letter.opened()).isTrue();
    assertThat(letter.decoded()).isTrue();
    assertThat(letter.valueJson()).contains("\"eventId\" : \"evt-" + CUSTOMER + "\"", "Zu teuer geworden");
    assertThat(letter.decodeError()).isNull();
    assertThat(letter.key()).isEqualTo(CUSTOMER);
  }

  @Test
  void afterTheErasureTheValueReadsAsErasedWithNoBytesAndNoError() {
    ring.apply(CUSTOMER, keyRecord(CUSTOMER, key));
    ring.apply(CUSTOMER, erasedRecord(CUSTOMER));

    DeadLetter letter = DeadLetterDecoder.decode(sealedLetter(key), keys);

    assertThat(letter.valueState()).isEqualTo(DeadLetterContents.State.ERASED);
    assertThat(letter.valueJson()).isNull();
    assertThat(letter.valueBase64()).isNull();
    assertThat(letter.decodeError()).isNull();
    assertThat(letter.metadata().sourceTopic()).as("where, when and why stay").isEqualTo(Topics.CANCELLATIONS.name());
  }

  @Test
  void aKeyNotKnownYetIsNotAvailableYetAndNotAnError() {
    caughtUp.set(false);

    DeadLetter letter = DeadLetterDecoder.decode(sealedLetter(key), keys);

    assertThat(letter.valueState()).isEqualTo(DeadLetterContents.State.KEY_NOT_AVAILABLE);
    assertThat(letter.valueNote()).contains("not available yet");
    assertThat(letter.valueJson()).isNull();
    assertThat(letter.valueBase64()).isNull();
    assertThat(letter.decodeError()).isNull();
  }

  @Test
  void aSealThatDoesNotOpenShowsNothingButAClearError() {
    ring.apply(CUSTOMER, keyRecord(CUSTOMER, Sealing.newKey(1)));

    DeadLetter letter = DeadLetterDecoder.decode(sealedLetter(key), keys);

    assertThat(letter.valueState()).isEqualTo(DeadLetterContents.State.SEAL_BROKEN);
    assertThat(letter.valueNote()).contains("do not open with the customer's key");
    assertThat(letter.valueJson()).isNull();
    assertThat(letter.valueBase64()).as("not even the ciphertext").isNull();
  }

  @Test
  void aDroppedValueSaysWhy() {
    RecordHeaders headers = headers(Topics.CANCELLATIONS.name(), "boom");
    headers.add(DeadLetterHeaders.VALUE_DROPPED, utf8("no key for the customer could be had"));

    DeadLetter letter = DeadLetterDecoder.decode(deadLetter(utf8(CUSTOMER), null, headers), keys);

    assertThat(letter.valueState()).isEqualTo(DeadLetterContents.State.DROPPED);
    assertThat(letter.valueNote()).isEqualTo("no key for the customer could be had");
    assertThat(letter.decodeError()).isNull();
  }

  @Test
  void aDeadLetteredTaskHasItsOwnSealedFieldsOpenedToo() {
    ring.apply(CUSTOMER, keyRecord(CUSTOMER, key));
    OutreachTask task = OutreachTask.newBuilder().setTaskId("t-1").setCaseId("case-1").setCustomerId(CUSTOMER)
        .setAction(TaskAction.CREATE).setChannel(Channel.EMAIL).setGoal(Goal.FEEDBACK).setAttempt(1)
        .setDueAt(Instant.parse("2026-12-01T09:00:00Z")).setLanguage(Language.de).setSubject("Ihre Kündigung")
        .setMessage("Sehr geehrte Frau Quellmalz")
        .setContact(Contact.newBuilder().setName("Zora Quellmalz").setSalutation(Salutation.MS)
            .setEmail("zora@example.org").build())
        .setRationale(List.of()).setPolicyVersion("p").setCreatedAt(Instant.parse("2026-12-01T09:00:00Z")).build();
    byte[] value = Topics.TASKS_WRITTEN.valueSerde().serializer().serialize("t", TaskSeals.seal(task, key));

    DeadLetter letter = DeadLetterDecoder.decode(deadLetter(utf8(CUSTOMER), value,
        headers(Topics.TASKS_WRITTEN.name(), "boom")), keys);

    assertThat(letter.valueState()).isEqualTo(DeadLetterContents.State.PLAIN);
    assertThat(letter.valueJson()).contains("zora@example.org", "Sehr geehrte Frau Quellmalz");
  }

  @Test
  void theRingKnowsWhoWasErased() {
    ring.apply(CUSTOMER, erasedRecord(CUSTOMER));

    assertThat(keys.erased(utf8(CUSTOMER))).isTrue();
    assertThat(keys.erased(utf8("C-other"))).isFalse();
    assertThat(keys.erased(null)).isFalse();
  }

  private org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> sealedLetter(KeyMaterial sealedWith) {
    return deadLetter(utf8(CUSTOMER), sealedValue(cancellationBytes(CUSTOMER), sealedWith, CUSTOMER,
        Topics.CANCELLATIONS.name()), sealedHeaders(Topics.CANCELLATIONS.name(), "contract ends before it was "
        + "cancelled"));
  }
}
