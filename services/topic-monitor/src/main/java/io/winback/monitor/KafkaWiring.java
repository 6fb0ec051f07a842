package io.winback.monitor;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The monitor's Kafka clients, all from spring.kafka.* (bootstrap servers, security). None joins
 * a consumer group: the monitor reads positions, it must never appear as a lagging group itself.
 */
@Configuration
class KafkaWiring {

  @Bean(destroyMethod = "close")
  Admin monitorAdmin(KafkaProperties kafka, MonitorProperties monitor) {
    Map<String, Object> config = kafka.buildAdminProperties();
    int timeout = (int) monitor.kafkaTimeout().toMillis();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-monitor-admin");
    // Fail a call within the sample's budget rather than Kafka's default minute.
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    return Admin.create(config);
  }

  /** Reads the oldest unconsumed record of a partition: only from the sampler thread. */
  @Bean(destroyMethod = "")
  Consumer<byte[], byte[]> timeLagConsumer(KafkaProperties kafka) {
    return readerConsumer(kafka, "topic-monitor-time-lag");
  }

  /**
   * The transactional id every monitor instance shares: a redrive commits only while no other
   * instance began one, which is what makes "already redriven" hold across instances.
   */
  static final String REDRIVE_TRANSACTIONAL_ID = "topic-monitor-redrive";

  /**
   * Makes the redrive producer, on the first redrive and again after another instance fenced it:
   * an idle producer would only keep reconnecting to a broker that is away.
   */
  static Producer<byte[], byte[]> redriveProducer(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "topic-monitor-redrive");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, REDRIVE_TRANSACTIONAL_ID);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * The key ring's consumer (winback.keys.v1, read whole by KeyRingFeed): spring.kafka's settings
   * (TLS, SASL), and never a topic created by asking for it, which would not be compacted.
   */
  static Map<String, Object> keyRingConsumerConfig(KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-monitor-key-ring");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return config;
  }

  /** A group-less, read_committed byte consumer: sees what a Winback service would see. */
  static Consumer<byte[], byte[]> readerConsumer(KafkaProperties kafka, String clientId) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
