package io.winback.desk;

import io.winback.desk.db.DatabaseOutage;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.privacy.DeadLetterSealing;
import io.winback.schemas.privacy.SealBrokenException;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.serde.UndecodableRecordException;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The desk's Kafka clients. Inputs are consumed as bytes (read_committed) and decoded in the
 * listeners. A record that cannot be decoded or is invalid goes to winback.dlq.v1 with the reason
 * in its headers, and the listener goes on with the next one; a database that is away is no reason
 * to give up on a good record: the listener waits and tries again, with growing pauses, until it is back.
 */
@Configuration
class KafkaWiring {

  static final String GROUP_ID = "winback-outreach-desk";
  /** How often an idle CRM consumer reports that it is still complete (see CrmIntake). */
  static final long CRM_IDLE_EVENT_MILLIS = 1_000;

  static {
    TrustedPackages.install();
  }

  @Bean
  KafkaAdmin.NewTopics winbackTopics() {
    return new KafkaAdmin.NewTopics(Topics.ALL.stream().map(TopicSpec::newTopic).toArray(NewTopic[]::new));
  }

  /**
   * The outbox relay's producer: idempotent, acks from all replicas, and quick to say "not now" when
   * the broker is away (the outcomes wait in the database, not in the producer's memory).
   */
  @Bean
  KafkaTemplate<String, byte[]> feedbackRelayTemplate(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
        new ByteArraySerializer()));
  }

  @Bean
  KafkaTemplate<byte[], byte[]> deadLetterTemplate(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(),
        new ByteArraySerializer()));
  }

  /**
   * Sends a record the desk gives up on to winback.dlq.v1, the reason in the shared headers, its
   * value sealed with the customer's key or dropped ({@link DeadLetterSealing}).
   */
  @Bean
  DeadLetterPublishingRecoverer deadLetters(KafkaTemplate<byte[], byte[]> deadLetterTemplate, CustomerKeys keys) {
    DeadLetterSealing sealing = new DeadLetterSealing(keys);
    DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
        (record, error) -> new TopicPartition(Topics.DEAD_LETTERS.name(), -1)) {
      @Override
      protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
          TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        byte[] original = value != null ? value : (byte[]) record.value();
        return new ProducerRecord<>(topicPartition.topic(),
            topicPartition.partition() < 0 ? null : topicPartition.partition(),
            key != null ? key : record.key(), sealing.value(record, original, headers), headers);
      }
    };
    recoverer.setHeadersFunction((record, error) -> {
      Throwable cause = rootCause(error);
      RecordHeaders headers = new RecordHeaders();
      add(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
      add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
      add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
      add(headers, DeadLetterHeaders.ERROR_CLASS, cause.getClass().getName());
      add(headers, DeadLetterHeaders.ERROR_MESSAGE, String.valueOf(cause.getMessage()));
      add(headers, DeadLetterHeaders.FAILED_AT, Instant.now().toString());
      add(headers, DeadLetterHeaders.SERVICE, "outreach-desk");
      return headers;
    });
    recoverer.setFailIfSendResultIsError(true);
    return recoverer;
  }

  /** Tasks and case statuses, one record at a time. */
  @Bean
  ConcurrentKafkaListenerContainerFactory<byte[], byte[]> rawListenerFactory(KafkaProperties kafka,
      DeadLetterPublishingRecoverer deadLetters) {
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumers(kafka));
    factory.setCommonErrorHandler(errorHandler(deadLetters));
    return factory;
  }

  /**
   * crm.relationships.v1 in batches: after a whole batch is applied the consumer's position says
   * exactly what the desk has read, which is what the CRM feed's completeness is measured by.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<byte[], byte[]> crmListenerFactory(KafkaProperties kafka,
      DeadLetterPublishingRecoverer deadLetters) {
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumers(kafka));
    factory.setBatchListener(true);
    factory.getContainerProperties().setIdleEventInterval(CRM_IDLE_EVENT_MILLIS);
    factory.getContainerProperties().setIdleBeforeDataMultiplier(1.0);
    // Bad records are dead-lettered by the listener itself; what reaches this handler is the database being away.
    factory.setCommonErrorHandler(errorHandler(deadLetters));
    return factory;
  }

  private static ConsumerFactory<byte[], byte[]> consumers(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Bad bytes and bad data do not get better by retrying: straight to the dead letters. The
   * database or the broker being away does: retried with growing pauses (up to 10 s), without end.
   * Anything else gets two more tries, then the dead letters.
   */
  static DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer deadLetters) {
    DefaultErrorHandler errors = new DefaultErrorHandler(deadLetters, untilItIsBack());
    errors.setBackOffFunction((record, error) -> outage(error) ? untilItIsBack() : new FixedBackOff(500, 2));
    // A seal that does not open with the customer's key is tampered with or foreign: bad input too.
    errors.addNotRetryableExceptions(UndecodableRecordException.class, IllegalArgumentException.class,
        SealBrokenException.class);
    // A new outage after a different failure starts its back-off afresh.
    errors.setResetStateOnExceptionChange(true);
    return errors;
  }

  /** The database or the broker away for now (a dead letter that cannot be sent, say): worth waiting for. */
  static boolean outage(Throwable error) {
    if (DatabaseOutage.isTransient(error)) {
      return true;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.apache.kafka.common.errors.RetriableException) {
        return true;
      }
    }
    return false;
  }

  static BackOff untilItIsBack() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    return backOff;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
