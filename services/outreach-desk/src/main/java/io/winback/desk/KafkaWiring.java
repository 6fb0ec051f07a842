package io.winback.desk;

import io.winback.events.OutreachFeedback;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The desk's Kafka clients. Inputs are consumed as bytes (read_committed) and decoded in the
 * listeners; a record that cannot be decoded or applied goes to winback.dlq.v1 with the reason in
 * its headers, and the listener goes on with the next one.
 */
@Configuration
class KafkaWiring {

  static final String GROUP_ID = "winback-outreach-desk";

  static {
    TrustedPackages.install();
  }

  @Bean
  KafkaAdmin.NewTopics winbackTopics() {
    return new KafkaAdmin.NewTopics(Topics.ALL.stream().map(TopicSpec::newTopic).toArray(NewTopic[]::new));
  }


  @Bean
  KafkaTemplate<String, OutreachFeedback> feedbackTemplate(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
        Topics.FEEDBACK.valueSerde().serializer()));
  }

  @Bean
  KafkaTemplate<byte[], byte[]> deadLetterTemplate(KafkaProperties kafka) {
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
        new ByteArraySerializer(), new ByteArraySerializer()));
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<byte[], byte[]> rawListenerFactory(KafkaProperties kafka,
      KafkaTemplate<byte[], byte[]> deadLetterTemplate) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer()));
    DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
        (record, error) -> new TopicPartition(Topics.DEAD_LETTERS.name(), -1));
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
    // Bad bytes and bad data do not get better by retrying; anything else (the database) gets two more tries.
    DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
    errors.addNotRetryableExceptions(UndecodableRecordException.class, IllegalArgumentException.class);
    factory.setCommonErrorHandler(errors);
    return factory;
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
