package io.winback.desk;

import io.winback.events.CustomerKey;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.schemas.privacy.FeedbackSeals;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.TestProducers;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The customers' keys as the churn processor keeps them, for the desk's tests: it creates a
 * customer's key, seals tasks with it, writes it to winback.keys.v1 and erases it there, and opens
 * what the desk sealed (feedback) the way the processor does.
 */
public final class TestKeys {

  static {
    TrustedPackages.install();
  }

  private final KeyRing ring = new KeyRing();

  /** What the processor knows: every key it created, erased ones as erased. */
  public KeyRing ring() {
    return ring;
  }

  /** The customer's key, created on first use. */
  public KeyMaterial keyOf(String customerId) {
    if (ring.state(customerId) != KeyRing.State.KNOWN) {
      KeyMaterial key = Sealing.newKey(1);
      ring.apply(customerId, record(customerId, key));
      return key;
    }
    return ring.key(customerId).orElseThrow();
  }

  /** The task as the processor writes it: personal fields sealed with the customer's key. */
  public OutreachTask seal(OutreachTask task) {
    return TaskSeals.seal(task, keyOf(task.getCustomerId()));
  }

  /** An outcome as the processor reads it: the desk's seal opened with the customer's key. */
  public OutreachFeedback open(OutreachFeedback feedback) {
    return FeedbackSeals.open(feedback, ring).value();
  }

  /** The customer's key on winback.keys.v1, as the processor writes it with the customer's first task. */
  public void publish(String bootstrapServers, String... customerIds) {
    TestProducers.sendAll(bootstrapServers, new StringSerializer(), Topics.KEYS.valueSerde().serializer(),
        java.util.Arrays.stream(customerIds).map(id -> new ProducerRecord<>(Topics.KEYS.name(), id,
            record(id, keyOf(id)))).toList());
  }

  /** The erasure: the key overwritten by a record without it. */
  public void publishErased(String bootstrapServers, String customerId) {
    CustomerKey erased = erasedRecord(customerId);
    ring.apply(customerId, erased);
    TestProducers.sendAll(bootstrapServers, new StringSerializer(), Topics.KEYS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.KEYS.name(), customerId, erased)));
  }

  public static CustomerKey record(String customerId, KeyMaterial key) {
    return CustomerKey.newBuilder().setCustomerId(customerId).setKey(ByteBuffer.wrap(key.bytes()))
        .setKeyVersion(key.version()).setCreatedAt(Instant.now()).setErasedAt(null).build();
  }

  public static CustomerKey erasedRecord(String customerId) {
    return CustomerKey.newBuilder().setCustomerId(customerId).setKey(null).setKeyVersion(1)
        .setCreatedAt(Instant.now()).setErasedAt(Instant.now()).build();
  }
}
