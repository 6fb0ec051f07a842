package io.winback.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.serde.UndecodableRecordException;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Every poison record is bad in the way its kind says, so that a service must refuse it. */
class PoisonRecordsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void undecodableBytesAndAWrongSchemaDoNotDecodeOnAnyInput() {
    for (TopicSpec<?, ?> topic : Topics.INPUTS) {
      for (Poison.Kind kind : new Poison.Kind[] {Poison.Kind.UNDECODABLE, Poison.Kind.WRONG_SCHEMA}) {
        for (int number = 0; number < 30; number++) {
          PoisonRecords.Bytes bytes = PoisonRecords.of(new Poison(number, topic, kind, 0), NOW);
          assertThatThrownBy(() -> topic.valueSerde().deserializer().deserialize(topic.name(), bytes.value()))
              .as("%s %s %d", topic.name(), kind, number).isInstanceOf(UndecodableRecordException.class);
        }
      }
    }
  }

  @Test
  void nonsenseDecodesButEachVariantBreaksARuleTheServicesCheck() {
    for (int number = 0; number < 27; number++) {
      PoisonRecords.Bytes cancellation = PoisonRecords.of(new Poison(number, Topics.CANCELLATIONS, Poison.Kind.NONSENSE, 0), NOW);
      CancellationEvent event = Topics.CANCELLATIONS.valueSerde().deserializer()
          .deserialize(Topics.CANCELLATIONS.name(), cancellation.value());
      assertThat(!key(cancellation).equals(event.getCustomerId()) || event.getEventId().isBlank()
          || event.getEffectiveAt().isBefore(event.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate()))
          .as("cancellation %d", number).isTrue();

      PoisonRecords.Bytes crm = PoisonRecords.of(new Poison(number, Topics.RELATIONSHIPS, Poison.Kind.NONSENSE, 0), NOW);
      CustomerRelationship relationship = Topics.RELATIONSHIPS.valueSerde().deserializer()
          .deserialize(Topics.RELATIONSHIPS.name(), crm.value());
      assertThat(!key(crm).equals(relationship.getCustomerId()) || relationship.getLastName().isBlank())
          .as("relationship %d", number).isTrue();

      PoisonRecords.Bytes outcome = PoisonRecords.of(new Poison(number, Topics.FEEDBACK, Poison.Kind.NONSENSE, 0), NOW);
      OutreachFeedback feedback = Topics.FEEDBACK.valueSerde().deserializer().deserialize(Topics.FEEDBACK.name(),
          outcome.value());
      assertThat(feedback.getCaseId()).as("feedback %d: no such case", number).startsWith("case-POISON-");
    }
  }

  @Test
  void noPoisonRecordIsKeyedByARealCustomer() {
    for (TopicSpec<?, ?> topic : Topics.INPUTS) {
      for (Poison.Kind kind : Poison.Kind.values()) {
        assertThat(key(PoisonRecords.of(new Poison(3, topic, kind, 0), NOW))).startsWith("POISON-");
      }
    }
  }

  private static String key(PoisonRecords.Bytes bytes) {
    return new String(bytes.key(), StandardCharsets.UTF_8);
  }
}
