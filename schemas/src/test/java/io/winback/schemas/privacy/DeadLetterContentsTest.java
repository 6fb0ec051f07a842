package io.winback.schemas.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.CustomerKey;
import io.winback.events.OutreachFeedback;
import io.winback.events.Outcome;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A dead letter's value as a reader with a key ring gets it: opened, erased, not yet, broken, dropped, plain. */
class DeadLetterContentsTest {

  static {
    TrustedPackages.install();
  }

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  private static final byte[] CUSTOMER = utf8("C-1");
  private static final byte[] ORIGINAL = utf8("{\"name\":\"Zacharias Quellmalz\"}");
  private final KeyMaterial key = Sealing.newKey(1);

  @Test
  void aSealedValueOpensWithTheCustomersKeyForItsSourcePosition() {
    DeadLetterContents.Contents contents = DeadLetterContents.of(CUSTOMER, sealed(41), sealedHeaders(41), ring(key));

    assertThat(contents.state()).isEqualTo(DeadLetterContents.State.OPENED);
    assertThat(contents.readable()).isTrue();
    assertThat(contents.value()).isEqualTo(ORIGINAL);
  }

  @Test
  void afterTheErasureItReadsAsErasedWithNoBytesAndNoError() {
    KeyRing ring = ring(key);
    ring.apply("C-1", CustomerKey.newBuilder().setCustomerId("C-1").setKey(null).setCreatedAt(NOW).setErasedAt(NOW)
        .build());

    DeadLetterContents.Contents contents = DeadLetterContents.of(CUSTOMER, sealed(41), sealedHeaders(41), ring);

    assertThat(contents.state()).isEqualTo(DeadLetterContents.State.ERASED);
    assertThat(contents.value()).isNull();
    assertThat(contents.readable()).isFalse();
  }

  @Test
  void aKeyNotReadYetIsNotAnErasure() {
    DeadLetterContents.Contents contents = DeadLetterContents.of(CUSTOMER, sealed(41), sealedHeaders(41),
        new KeyRing());

    assertThat(contents.state()).isEqualTo(DeadLetterContents.State.KEY_NOT_AVAILABLE);
    assertThat(contents.value()).isNull();
    assertThat(contents.note()).contains("winback.keys.v1");
  }

  @Test
  void aWrongKeyAMovedLetterOrATamperedOneOpensNothing() {
    byte[] tampered = sealed(41);
    tampered[tampered.length - 3] ^= 0x01;

    assertThat(DeadLetterContents.of(CUSTOMER, sealed(41), sealedHeaders(41), ring(Sealing.newKey(1))).state())
        .isEqualTo(DeadLetterContents.State.SEAL_BROKEN);
    assertThat(DeadLetterContents.of(CUSTOMER, sealed(41), sealedHeaders(42), ring(key)).state())
        .as("sealed for offset 41, claimed to come from 42").isEqualTo(DeadLetterContents.State.SEAL_BROKEN);
    assertThat(DeadLetterContents.of(CUSTOMER, tampered, sealedHeaders(41), ring(key)))
        .satisfies(contents -> {
          assertThat(contents.state()).isEqualTo(DeadLetterContents.State.SEAL_BROKEN);
          assertThat(contents.value()).isNull();
          assertThat(contents.note()).contains("do not open");
        });
    assertThat(DeadLetterContents.of(CUSTOMER, utf8("not an envelope"), sealedHeaders(41), ring(key)).state())
        .isEqualTo(DeadLetterContents.State.SEAL_BROKEN);
    assertThat(DeadLetterContents.of(utf8("C-2"), sealed(41), sealedHeaders(41), ring(key)).state())
        .as("keyed by another customer").isIn(DeadLetterContents.State.KEY_NOT_AVAILABLE,
            DeadLetterContents.State.SEAL_BROKEN);
  }

  @Test
  void aDroppedValueSaysWhyAndAPlainOneIsAsItWas() {
    RecordHeaders dropped = headers(41);
    dropped.add(DeadLetterHeaders.VALUE_DROPPED, utf8("the customer's key could not be had"));

    assertThat(DeadLetterContents.of(CUSTOMER, null, dropped, ring(key)))
        .isEqualTo(new DeadLetterContents.Contents(DeadLetterContents.State.DROPPED, null,
            "the customer's key could not be had"));
    RecordHeaders erased = headers(41);
    erased.add(DeadLetterHeaders.VALUE_DROPPED, utf8(DeadLetterHeaders.DROPPED_CUSTOMER_ERASED));
    assertThat(DeadLetterContents.of(CUSTOMER, null, erased, ring(key)).note())
        .isEqualTo("the customer was erased, so the value was not kept");
    DeadLetterContents.Contents plain = DeadLetterContents.of(CUSTOMER, ORIGINAL, headers(41), new KeyRing());
    assertThat(plain.state()).isEqualTo(DeadLetterContents.State.PLAIN);
    assertThat(plain.value()).isEqualTo(ORIGINAL);
    assertThat(DeadLetterContents.of(CUSTOMER, null, headers(41), ring(key)).state())
        .isEqualTo(DeadLetterContents.State.NO_VALUE);
  }

  @Test
  void aDecodedFeedbackHasItsOwnSealedFieldsOpenedToo() {
    OutreachFeedback feedback = OutreachFeedback.newBuilder().setFeedbackId("fb-1").setTaskId("t-1")
        .setCaseId("case-1").setCustomerId("C-1").setChannel(Channel.PHONE).setOutcome(Outcome.FEEDBACK_RECEIVED)
        .setFeedbackText("Herr Quellmalz fand den Preis zu hoch").setRecordedBy("agent").setRecordedAt(NOW).build();

    assertThat(DeadLetterContents.withSealedFieldsOpened(FeedbackSeals.seal(feedback, key), ring(key)))
        .isEqualTo(feedback);
    assertThat(DeadLetterContents.withSealedFieldsOpened("bytes", ring(key))).isEqualTo("bytes");
  }

  private byte[] sealed(long offset) {
    return DeadLetterSeals.seal(ORIGINAL, key, "C-1", "crm.relationships.v1", 2, offset);
  }

  private static RecordHeaders sealedHeaders(long offset) {
    RecordHeaders headers = headers(offset);
    headers.add(DeadLetterHeaders.SEALED, utf8(DeadLetterSeals.CUSTOMER_KEY));
    return headers;
  }

  private static RecordHeaders headers(long offset) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8("crm.relationships.v1"));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8("2"));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(offset)));
    return headers;
  }

  private static KeyRing ring(KeyMaterial key) {
    KeyRing ring = new KeyRing();
    ring.apply("C-1", CustomerKey.newBuilder().setCustomerId("C-1").setKey(ByteBuffer.wrap(key.bytes()))
        .setKeyVersion(key.version()).setCreatedAt(NOW).setErasedAt(null).build());
    return ring;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
