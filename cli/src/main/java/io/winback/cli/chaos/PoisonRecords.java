package io.winback.cli.chaos;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

/**
 * The bytes of a poison record: what billing, the CRM or an agent system might send by mistake.
 * Keys start with {@code POISON-}, so no real customer's partition state is touched; the names in
 * them are no one's.
 */
final class PoisonRecords {

  /** Key and value as they go on the topic. */
  record Bytes(byte[] key, byte[] value) {}

  private PoisonRecords() {}

  static Bytes of(Poison poison, Instant now) {
    byte[] key = poison.key().getBytes(StandardCharsets.UTF_8);
    Random random = new Random(poison.number());
    return switch (poison.kind()) {
      case UNDECODABLE -> new Bytes(key, garbage(random));
      case WRONG_SCHEMA -> new Bytes(key, wrongSchema(poison, now));
      case NONSENSE -> new Bytes(nonsenseKey(poison, key), nonsense(poison, now));
    };
  }

  /** Random bytes, never starting with the single-object marker (C3 01), so no decoder could mistake them. */
  private static byte[] garbage(Random random) {
    byte[] bytes = new byte[16 + random.nextInt(200)];
    random.nextBytes(bytes);
    bytes[0] = (byte) 0x7b; // '{': a JSON line sent where Avro was expected, the commonest mistake
    return bytes;
  }

  /** A correct record, of the wrong type for the topic. */
  private static byte[] wrongSchema(Poison poison, Instant now) {
    if (poison.topic().equals(Topics.CANCELLATIONS)) {
      return Topics.RELATIONSHIPS.valueSerde().serializer().serialize(Topics.RELATIONSHIPS.name(),
          relationship(poison.key(), "Poison"));
    }
    return Topics.CANCELLATIONS.valueSerde().serializer().serialize(Topics.CANCELLATIONS.name(),
        cancellation(poison.key(), "evt-" + poison.key(), now));
  }

  /** A record key that does not match its value (for the variant that needs one); else the key. */
  private static byte[] nonsenseKey(Poison poison, byte[] key) {
    return variant(poison) == 0 ? (poison.key() + "-other").getBytes(StandardCharsets.UTF_8) : key;
  }

  /** Decodes, but must be refused: a key that is not its customer, a blank id, a contract that ends before it was cancelled, a case that does not exist. */
  private static byte[] nonsense(Poison poison, Instant now) {
    String id = poison.key();
    int variant = variant(poison);
    if (poison.topic().equals(Topics.CANCELLATIONS)) {
      CancellationEvent event = cancellation(id, "evt-" + id, now);
      if (variant == 1) {
        event.setEventId(" ");
      } else if (variant == 2) {
        event.setEffectiveAt(LocalDate.of(2001, 1, 31));
      }
      return Topics.CANCELLATIONS.valueSerde().serializer().serialize(Topics.CANCELLATIONS.name(), event);
    }
    if (poison.topic().equals(Topics.RELATIONSHIPS)) {
      // Variant 0: the key mismatch, which both the processor and the desk refuse; else a blank last name.
      CustomerRelationship relationship = relationship(id, variant == 0 ? "Poison" : "");
      return Topics.RELATIONSHIPS.valueSerde().serializer().serialize(Topics.RELATIONSHIPS.name(), relationship);
    }
    OutreachFeedback feedback = OutreachFeedback.newBuilder()
        .setFeedbackId("fb-" + id)
        .setTaskId(variant == 1 ? "" : "task-" + id)
        .setCaseId("case-" + id) // no such case
        .setCustomerId(id)
        .setChannel(Channel.PHONE)
        .setOutcome(Outcome.REACHED)
        .setRecordedBy("chaos")
        .setRecordedAt(now)
        .build();
    return Topics.FEEDBACK.valueSerde().serializer().serialize(Topics.FEEDBACK.name(), feedback);
  }

  private static int variant(Poison poison) {
    return (poison.number() / 9) % 3;
  }

  private static CancellationEvent cancellation(String customerId, String eventId, Instant now) {
    return CancellationEvent.newBuilder()
        .setEventId(eventId)
        .setType(CancellationType.CANCELLED)
        .setCustomerId(customerId)
        .setContractId("K-" + customerId)
        .setProduct("DSL 100")
        .setOccurredAt(now)
        .setEffectiveAt(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(40))
        .build();
  }

  private static CustomerRelationship relationship(String customerId, String lastName) {
    return CustomerRelationship.newBuilder()
        .setCustomerId(customerId)
        .setFirstName("Poison")
        .setLastName(lastName)
        .setConsent(Consent.newBuilder().build())
        .setCustomerSince(LocalDate.of(2020, 1, 1))
        .build();
  }
}
