package io.winback.desk.intake;

import io.winback.desk.InstanceId;
import io.winback.desk.consent.CrmFeed;
import io.winback.desk.db.DatabaseOutage;
import io.winback.desk.tasks.Suppression;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * The customers' consent from crm.relationships.v1, and how complete the desk's copy is.
 *
 * <p>After each batch, and every second while there is nothing new, the consumer compares its
 * position with the partition's last stable offset: when it has reached it, everything committed
 * on that partition before the instant taken just before asking has been applied, and the
 * partition's {@link CrmFeed} instant moves to it. Runs on the consumer's thread, the only one
 * allowed to ask the consumer.
 */
@Component
class CrmIntake {

  static final String LISTENER_ID = "desk-crm";
  private static final Logger log = LoggerFactory.getLogger(CrmIntake.class);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final Suppression suppression;
  private final CrmFeed feed;
  private final DeadLetterPublishingRecoverer deadLetters;
  private final String instance;
  private final Clock clock;

  CrmIntake(Suppression suppression, CrmFeed feed, DeadLetterPublishingRecoverer deadLetters, InstanceId instance,
      Clock clock) {
    this.suppression = suppression;
    this.feed = feed;
    this.deadLetters = deadLetters;
    this.instance = instance.value();
    this.clock = clock;
  }

  @KafkaListener(id = LISTENER_ID, idIsGroup = false, containerFactory = "crmListenerFactory",
      topics = "#{T(io.winback.schemas.topics.Topics).RELATIONSHIPS.name()}")
  void onRelationships(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        apply(record);
      } catch (RuntimeException e) {
        if (DatabaseOutage.isTransient(e)) {
          throw e; // the whole batch again once the database is back; every write is idempotent
        }
        log.warn("CRM record {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(),
            e.getMessage());
        deadLetters.accept(record, consumer, e);
      }
    }
    markCompleteIfPossible(consumer);
  }

  @EventListener(condition = "event.listenerId.startsWith('" + LISTENER_ID + "')")
  void onIdle(ListenerContainerIdleEvent event) {
    markCompleteIfPossible(event.getConsumer());
  }

  /** The broker or the database away: the instant stays where it was, and sends wait for it. */
  private void markCompleteIfPossible(Consumer<?, ?> consumer) {
    try {
      markComplete(consumer);
    } catch (RuntimeException e) {
      log.debug("CRM feed position not recorded: {}", e.getMessage());
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      throw new IllegalArgumentException("a relationship without a key (customerId)");
    }
    String customerId = new String(record.key(), StandardCharsets.UTF_8);
    CustomerRelationship relationship =
        Topics.RELATIONSHIPS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (relationship == null) {
      suppression.customerErased(customerId, "CRM tombstone");
    } else if (!customerId.equals(relationship.getCustomerId())) {
      throw new IllegalArgumentException("the record's key is not the relationship's customerId");
    } else {
      suppression.crmRecord(relationship);
    }
  }

  private void markComplete(Consumer<?, ?> consumer) {
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      return;
    }
    // Taken before asking: whatever was committed before this instant lies below the answer.
    Instant asOf = clock.instant();
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, ASK_TIMEOUT);
    for (TopicPartition partition : assigned) {
      Long end = ends.get(partition);
      if (end != null && consumer.position(partition, ASK_TIMEOUT) >= end) {
        feed.caughtUp(partition.partition(), asOf, instance);
      }
    }
  }
}
