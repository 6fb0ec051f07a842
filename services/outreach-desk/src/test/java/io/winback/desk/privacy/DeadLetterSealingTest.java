package io.winback.desk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.desk.TestKeys;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A dead letter's value: sealed with the customer's key, or dropped with the reason; never in the clear. */
class DeadLetterSealingTest {

  private static final byte[] VALUE = "Anna Schmidt, anna@example.org".getBytes(StandardCharsets.UTF_8);

  private final TestKeys processor = new TestKeys();
  private final KeyRing ring = new KeyRing();
  private final DeadLetterSealing sealing = new DeadLetterSealing(
      new CustomerKeys(ring, Instant::now, Duration.ofSeconds(30)));

  @Test
  void aCustomersRecordIsSealedWithTheirKeyForItsSourcePosition() {
    ring.apply("C-1", TestKeys.record("C-1", processor.keyOf("C-1")));
    RecordHeaders headers = new RecordHeaders();

    byte[] sent = sealing.value(record(Topics.TASKS_PHONE.name(), "C-1"), VALUE, headers);

    assertThat(new String(sent, StandardCharsets.ISO_8859_1)).doesNotContain("Schmidt", "anna@");
    assertThat(text(headers.lastHeader(DeadLetterHeaders.SEALED))).isEqualTo(DeadLetterSeals.CUSTOMER_KEY);
    assertThat(headers.lastHeader(DeadLetterHeaders.VALUE_DROPPED)).isNull();
    assertThat(DeadLetterSeals.open(sent, processor.ring(), "C-1", Topics.TASKS_PHONE.name(), 2, 42).value())
        .isEqualTo(VALUE);
  }

  @Test
  void withoutTheCustomersKeyTheValueIsDroppedAndTheHeaderSaysWhy() {
    ring.apply("C-gone", TestKeys.erasedRecord("C-gone"));
    assertDropped(record(Topics.RELATIONSHIPS.name(), "C-unknown"), DeadLetterSealing.KEY_UNKNOWN);
    assertDropped(record(Topics.TASKS_WRITTEN.name(), "C-gone"), DeadLetterSealing.ERASED);
    assertDropped(record(Topics.TASKS_WRITTEN.name(), null), DeadLetterSealing.NO_CUSTOMER);
    assertDropped(record(Topics.CASES.name(), "case-1"), DeadLetterSealing.NOT_CUSTOMER_KEYED);
    // A key record's value is a key: it never goes anywhere else, even with the key known.
    ring.apply("C-k", TestKeys.record("C-k", processor.keyOf("C-k")));
    assertDropped(record(Topics.KEYS.name(), "C-k"), DeadLetterSealing.NOT_CUSTOMER_KEYED);
  }

  @Test
  void aTombstoneStaysATombstone() {
    RecordHeaders headers = new RecordHeaders();
    assertThat(sealing.value(record(Topics.RELATIONSHIPS.name(), "C-1"), null, headers)).isNull();
    assertThat(headers.toArray()).isEmpty();
  }

  private void assertDropped(ConsumerRecord<byte[], byte[]> record, String reason) {
    RecordHeaders headers = new RecordHeaders();
    assertThat(sealing.value(record, VALUE, headers)).isNull();
    assertThat(text(headers.lastHeader(DeadLetterHeaders.VALUE_DROPPED))).isEqualTo(reason);
    assertThat(headers.lastHeader(DeadLetterHeaders.SEALED)).isNull();
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, String key) {
    return new ConsumerRecord<>(topic, 2, 42, key == null ? null : key.getBytes(StandardCharsets.UTF_8), VALUE);
  }

  private static String text(Header header) {
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
