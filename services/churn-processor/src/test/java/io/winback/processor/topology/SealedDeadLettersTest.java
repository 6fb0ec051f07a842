package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static io.winback.processor.topology.ChurnTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.processor.PersonalData;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead letter keeps the record's original bytes, which can hold anything of its customer: sealed
 * with the key of the customer the record is keyed by, for that record's source position. A record
 * keyed by nobody, or by an erased customer, has its value dropped rather than kept in the clear.
 */
class SealedDeadLettersTest {

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void theDeadLetterOfACustomersRecordIsSealedWithTheirKeyAndOpensToTheOriginalBytes() {
    CancellationEvent invalid = PersonalData.cancellation("C-1", app.now())
        .setEffectiveAt(LocalDate.parse("2026-01-01")).build(); // ends before it was cancelled
    byte[] original = Topics.CANCELLATIONS.valueSerde().serializer().serialize(Topics.CANCELLATIONS.name(), invalid);

    app.send(invalid);

    TestRecord<byte[], byte[]> letter = app.deadLetters.readRecord();
    assertThat(PersonalData.foundIn(letter.value())).as("in the clear on the dead-letter topic").isEmpty();
    assertThat(header(letter.headers(), DeadLetterHeaders.SEALED)).isEqualTo(DeadLetterSeals.CUSTOMER_KEY);
    assertThat(header(letter.headers(), DeadLetterHeaders.VALUE_DROPPED)).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("is before occurredAt");
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("C-1");
    assertThat(app.keyRecords()).as("the key, made for the dead letter").singleElement()
        .satisfies(key -> assertThat(key.key()).isEqualTo("C-1"));
    assertThat(app.openedValue(letter)).isEqualTo(original);
  }

  @Test
  void aRecordWithoutKeyLosesItsValueAndTheHeaderSaysWhy() {
    byte[] relationship = Topics.RELATIONSHIPS.valueSerde().serializer().serialize(Topics.RELATIONSHIPS.name(),
        PersonalData.customer("C-1").build());

    app.rawRelationships.pipeInput(new TestRecord<>(null, relationship));

    TestRecord<byte[], byte[]> letter = app.deadLetters.readRecord();
    assertThat(letter.value()).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.VALUE_DROPPED))
        .isEqualTo(DeadLetterHeaders.DROPPED_NO_CUSTOMER_ID);
    assertThat(header(letter.headers(), DeadLetterHeaders.SEALED)).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("has no key");
    assertThat(app.keyRecords()).as("no customer, no key").isEmpty();
    assertThat(app.metrics.events).contains("dead-letter-value-dropped");
  }

  @Test
  void aRecordWithABlankKeyLosesItsValueToo() {
    app.rawCancellations.pipeInput(new TestRecord<>(" ".getBytes(StandardCharsets.UTF_8),
        PersonalData.REASON_TEXT.getBytes(StandardCharsets.UTF_8)));

    TestRecord<byte[], byte[]> letter = app.deadLetters.readRecord();
    assertThat(letter.value()).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.VALUE_DROPPED))
        .isEqualTo(DeadLetterHeaders.DROPPED_NO_CUSTOMER_ID);
  }

  @Test
  void theDeadLetterOfAnErasedCustomersRecordLosesItsValue() {
    app.erase("C-1");

    app.rawCancellations.pipeInput(new TestRecord<>("C-1".getBytes(StandardCharsets.UTF_8),
        PersonalData.REASON_TEXT.getBytes(StandardCharsets.UTF_8)));

    TestRecord<byte[], byte[]> letter = app.deadLetters.readRecord();
    assertThat(letter.value()).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.VALUE_DROPPED))
        .isEqualTo(DeadLetterHeaders.DROPPED_CUSTOMER_ERASED);
    assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(app.keyRecords()).as("the erasure marker only: no key is made for an erased customer")
        .singleElement().satisfies(key -> assertThat(key.value().getKey()).isNull());
  }

  @Test
  void aTombstoneThatIsNotValidHasNothingToSeal() {
    app.rawCancellations.pipeInput(new TestRecord<>("C-1".getBytes(StandardCharsets.UTF_8), null));

    TestRecord<byte[], byte[]> letter = app.deadLetters.readRecord();
    assertThat(letter.value()).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.SEALED)).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.VALUE_DROPPED)).isNull();
    assertThat(app.keyRecords()).isEmpty();
  }
}
