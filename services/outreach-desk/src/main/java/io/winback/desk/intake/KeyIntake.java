package io.winback.desk.intake;

import io.winback.desk.tasks.Suppression;
import io.winback.events.CustomerKey;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Erasures from winback.keys.v1, in the desk's consumer group (one replica acts on each): a
 * customer's key erased means the customer was erased, and the desk blanks their rows at once, as
 * on the CRM tombstone, whichever of the two it reads first. The key ring (privacy.CustomerKeys)
 * reads the same topic on every replica, without a group, for the keys themselves.
 */
@Component
class KeyIntake {

  private final Suppression suppression;

  KeyIntake(Suppression suppression) {
    this.suppression = suppression;
  }

  @KafkaListener(id = "desk-keys", idIsGroup = false, containerFactory = "rawListenerFactory",
      topics = "#{T(io.winback.schemas.topics.Topics).KEYS.name()}")
  void onKey(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      throw new IllegalArgumentException("a key record without a key (customerId)");
    }
    String customerId = new String(record.key(), StandardCharsets.UTF_8);
    CustomerKey key = Topics.KEYS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (key != null && key.getKey() != null && key.getErasedAt() == null) {
      return; // a customer's (new) key: the ring has it, the database has nothing to do
    }
    suppression.customerErased(customerId, "key erased");
  }
}
