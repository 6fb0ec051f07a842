package io.winback.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** The official Apache Kafka image, same version as the clients, when a Docker engine answers. */
final class ContainerBackend implements BrokerBackend {

  static final String IMAGE = "apache/kafka:4.1.2";

  private final KafkaContainer container;

  private ContainerBackend(KafkaContainer container) {
    this.container = container;
  }

  static ContainerBackend start() {
    KafkaContainer container = new KafkaContainer(IMAGE)
        // Same broker defaults as the embedded backend, so tests behave alike on both.
        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(EmbeddedBackend.DEFAULT_PARTITIONS));
    container.start();
    return new ContainerBackend(container);
  }

  @Override
  public String kind() {
    return KafkaTestBroker.CONTAINER;
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void stop() {
    container.stop();
  }
}
