package io.winback.monitor.deadletters;

import static io.winback.monitor.deadletters.DeadLetterFixtures.cancellation;
import static io.winback.monitor.deadletters.DeadLetterFixtures.deadLetter;
import static io.winback.monitor.deadletters.DeadLetterFixtures.NO_KEYS;
import static io.winback.monitor.deadletters.DeadLetterFixtures.headers;
import static io.winback.monitor.deadletters.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeadLetterDecoderTest {

  @BeforeAll
  static void trustWinbackClasses() {
    TrustedPackages.install();
  }

  @Test
  void aValueFromACatalogueTopicIsShownInWinbacksJsonFormWithEveryHeader() {
    byte[] value = Topics.CANCELLATIONS.valueSerde().serializer()
        .serialize(Topics.CANCELLATIONS.name(), cancellation("C-1001"));

    DeadLetter letter = DeadLetterDecoder.decode(deadLetter(utf8("C-1001"),
        value, headers(Topics.CANCELLATIONS.name(), "contract ends before it was cancelled")), NO_KEYS);

    assertThat(letter.decoded()).isTrue();
    assertThat(letter.valueJson()).contains("\"eventId\" : \"evt-C-1001\"", "\"occurredAt\" : \"2026-11-20T09:15:00Z\"",
        "\"effectiveAt\" : \"2027-01-31\"");
    assertThat(letter.key()).isEqualTo("C-1001");
    assertThat(letter.metadata().sourceTopic()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(letter.metadata().sourcePartition()).isEqualTo("3");
    assertThat(letter.metadata().sourceOffset()).isEqualTo("41");
    assertThat(letter.metadata().errorMessage()).isEqualTo("contract ends before it was cancelled");
    assertThat(letter.metadata().service()).isEqualTo("churn-processor");
    assertThat(letter.deadLetterHeaders()).extracting(DeadLetter.Header::name)
        .allMatch(name -> name.startsWith(DeadLetterHeaders.PREFIX)).hasSize(7);
    assertThat(letter.otherHeaders()).containsExactly(new DeadLetter.Header("traceparent", "00-abc-def-01"));
    assertThat(letter.metadata().partition()).isEqualTo(1);
    assertThat(letter.metadata().offset()).isEqualTo(17);
  }

  @Test
  void theMetadataSaysWhereWhenAndWhyButCarriesNothingOfTheKeyValueOrOriginalHeaders() {
    byte[] value = Topics.CANCELLATIONS.valueSerde().serializer()
        .serialize(Topics.CANCELLATIONS.name(), cancellation("C-1001"));
    org.apache.kafka.common.header.internals.RecordHeaders headers = headers(Topics.CANCELLATIONS.name(),
        "contract ends before it was cancelled");
    headers.add(DeadLetterHeaders.CASE_ID, utf8("case-7"));

    DeadLetterMetadata metadata = DeadLetterDecoder.metadata(deadLetter(utf8("C-1001"), value, headers));

    assertThat(metadata).isEqualTo(new DeadLetterMetadata(1, 17, 1_763_630_160_000L, Topics.CANCELLATIONS.name(),
        "3", "41", "io.winback.processor.intake.InvalidInputException", "contract ends before it was cancelled",
        "2026-11-20T09:16:00Z", "churn-processor", "case-7"));
    assertThat(metadata.toString()).doesNotContain("C-1001", "evt-", "Glasfaser", "traceparent", "00-abc-def-01");
  }

  @Test
  void bytesTheSourceSerdeCannotReadAreShownInBase64WithTheDecodeError() {
    byte[] garbage = {0x01, 0x02, (byte) 0xff};

    DeadLetter letter = DeadLetterDecoder.decode(deadLetter(utf8("C-1"), garbage,
        headers(Topics.CANCELLATIONS.name(), "not single-object encoded")), NO_KEYS);

    assertThat(letter.decoded()).isFalse();
    assertThat(letter.valueBase64()).isEqualTo(Base64.getEncoder().encodeToString(garbage));
    assertThat(letter.decodeError()).isNotBlank();
  }

  @Test
  void withoutASourceTopicTheValueStaysRawAndTheReasonIsSaid() {
    DeadLetter letter = DeadLetterDecoder.decode(deadLetter(null, utf8("{}"),
        new org.apache.kafka.common.header.internals.RecordHeaders()), NO_KEYS);

    assertThat(letter.decoded()).isFalse();
    assertThat(letter.decodeError()).contains("source topic is unknown");
    assertThat(letter.key()).isNull();
  }

  @Test
  void aSourceOutsideTheCatalogueIsNotGuessedAt() {
    DeadLetter letter = DeadLetterDecoder.decode(deadLetter(utf8("k"), utf8("v"), headers("legacy.topic", "x")),
        NO_KEYS);

    assertThat(letter.decodeError()).contains("legacy.topic", "not a catalogue topic");
    assertThat(letter.key()).isEqualTo("k");
  }

  @Test
  void binaryHeaderValuesAreShownInBase64() {
    assertThat(DeadLetterDecoder.text(new byte[] {(byte) 0xc3, 0x28})).startsWith("base64:");
    assertThat(DeadLetterDecoder.text(utf8("grüß"))).isEqualTo("grüß");
  }
}
