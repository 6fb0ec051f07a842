package io.winback.testsupport;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single KRaft broker inside the test JVM, for machines without a Docker engine. */
final class EmbeddedBackend implements BrokerBackend {

  static final int DEFAULT_PARTITIONS = 3;

  private final EmbeddedKafkaKraftBroker broker;

  private EmbeddedBackend(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  static EmbeddedBackend start() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
    // A single broker can only run transactions and exactly_once_v2 if every internal
    // topic is satisfied by one replica. Auto-create stays on: some tests rely on it.
    broker.brokerProperties(Map.of(
        "offsets.topic.replication.factor", "1",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        "group.initial.rebalance.delay.ms", "0",
        "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
        // Fewer internal partitions: the first group join / transaction is much faster.
        "offsets.topic.num.partitions", "5",
        "transaction.state.log.num.partitions", "5"));
    broker.afterPropertiesSet();
    return new EmbeddedBackend(broker);
  }

  @Override
  public String kind() {
    return KafkaTestBroker.EMBEDDED;
  }

  @Override
  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public void stop() {
    broker.destroy();
  }
}
