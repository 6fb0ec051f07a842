package io.winback.cli.privacy;

import io.winback.events.Consent;
import io.winback.events.CustomerKey;
import io.winback.events.CustomerRelationship;
import io.winback.events.PostalAddress;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** A customer's CRM record, their key and a dead letter of them as the services write it. */
final class PrivacyFixtures {

  static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");

  private PrivacyFixtures() {}

  static CustomerRelationship relationship(String customerId, String lastName) {
    return CustomerRelationship.newBuilder().setCustomerId(customerId).setFirstName("Zora").setLastName(lastName)
        .setEmail("zora.quellmalz@example.org").setPhone("+4930555123")
        .setPostalAddress(new PostalAddress("Lindenweg 7", "10115", "Berlin", "DE"))
        .setConsent(new Consent(true, false, false, false, false)).setCustomerSince(LocalDate.parse("2024-01-01"))
        .build();
  }

  static byte[] relationshipBytes(String customerId, String lastName) {
    return Topics.RELATIONSHIPS.valueSerde().serializer().serialize(Topics.RELATIONSHIPS.name(),
        relationship(customerId, lastName));
  }

  static CustomerKey key(String customerId, KeyMaterial key) {
    return CustomerKey.newBuilder().setCustomerId(customerId).setKey(ByteBuffer.wrap(key.bytes()))
        .setKeyVersion(key.version()).setCreatedAt(CREATED).setErasedAt(null).build();
  }

  static CustomerKey erased(String customerId) {
    return CustomerKey.newBuilder().setCustomerId(customerId).setKey(null).setKeyVersion(1).setCreatedAt(CREATED)
        .setErasedAt(CREATED.plusSeconds(3600)).build();
  }

  /** The headers of a dead letter of a CRM record at partition 2, offset {@code sourceOffset}. */
  static RecordHeaders headers(long sourceOffset, boolean sealed) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", utf8("00-abc-def-01"));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(Topics.RELATIONSHIPS.name()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8("2"));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
    headers.add(DeadLetterHeaders.ERROR_CLASS, utf8("io.winback.processor.intake.InvalidInputException"));
    headers.add(DeadLetterHeaders.ERROR_MESSAGE, utf8("lastName is blank"));
    headers.add(DeadLetterHeaders.FAILED_AT, utf8("2026-11-20T09:16:00Z"));
    headers.add(DeadLetterHeaders.SERVICE, utf8("churn-processor"));
    if (sealed) {
      headers.add(DeadLetterHeaders.SEALED, utf8(DeadLetterSeals.CUSTOMER_KEY));
    }
    return headers;
  }

  /** A dead letter of the customer's invalid CRM record, its value sealed with their key. */
  static byte[] sealedValue(String customerId, KeyMaterial key, long sourceOffset) {
    return DeadLetterSeals.seal(relationshipBytes(customerId, ""), key, customerId, Topics.RELATIONSHIPS.name(), 2,
        sourceOffset);
  }

  static ConsumerRecord<byte[], byte[]> letter(String customerId, int offset, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(Topics.DEAD_LETTERS.name(), 0, offset, CREATED.toEpochMilli(),
        TimestampType.CREATE_TIME, -1, -1, utf8(customerId), value, headers, Optional.empty());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
