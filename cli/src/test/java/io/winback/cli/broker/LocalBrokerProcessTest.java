package io.winback.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;

/** Starts real brokers in child JVMs, like {@code winback up} does. */
@Tag("integration")
class LocalBrokerProcessTest {

  private static final Duration READY = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(30);

  @Test
  void recordsSurviveARestartOnTheSameDataDir(@TempDir Path dataDir, @TempDir Path otherDataDir) throws Exception {
    LocalBrokerConfig config = LocalBrokerConfig.of(dataDir, freePortPair());
    String topic = "winback.test.restart";
    String firstClusterId;

    try (LocalBrokerProcess broker = LocalBrokerProcess.start(config).awaitReady(READY)) {
      firstClusterId = createTopicAndGetClusterId(config, topic);
      TestProducers.sendAll(config.bootstrapServers(), new StringSerializer(), new StringSerializer(),
          List.of(new ProducerRecord<>(topic, "customer-1", "cancelled")));
      broker.stop(STOP);
      assertThat(broker.isAlive()).isFalse();
    }
    assertThat(Files.readString(config.brokerLog())).contains("shut down completed");

    try (LocalBrokerProcess broker = LocalBrokerProcess.start(config).awaitReady(READY)) {
      List<ConsumerRecord<String, String>> records = TestConsumers.readAll(config.bootstrapServers(), topic,
          new StringDeserializer(), new StringDeserializer(), 1, Duration.ofSeconds(30));
      assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(tuple("customer-1", "cancelled"));
      assertThat(clusterId(config)).isEqualTo(firstClusterId);

      // A second broker on the same port must be refused before it starts.
      assertThatThrownBy(() -> LocalBrokerProcess.start(LocalBrokerConfig.of(otherDataDir, config.port())))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + config.port() + " is in use: is another broker running?"
              + " set KAFKA_BOOTSTRAP_SERVERS to use it");
    }
  }

  @Test
  void refusesAnOccupiedPortWithAClearMessage(@TempDir Path dataDir) throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      LocalBrokerConfig config = LocalBrokerConfig.of(dataDir, taken.getLocalPort());

      assertThatThrownBy(() -> LocalBrokerProcess.start(config))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is in use")
          .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
          .extracting(e -> ((PortInUseException) e).port()).isEqualTo(taken.getLocalPort());
    }
  }

  @Test
  void reportsTheBrokerLogWhenTheProcessDies(@TempDir Path dataDir) throws Exception {
    LocalBrokerConfig config = LocalBrokerConfig.of(dataDir, freePortPair());

    // A classpath without the broker: the child JVM exits at once.
    LocalBrokerProcess broker = LocalBrokerProcess.start(config, dataDir.toString());

    assertThatThrownBy(() -> broker.awaitReady(READY))
        .isInstanceOf(LocalBrokerException.class)
        .hasMessageContaining("exited with status")
        .hasMessageContaining(LocalBroker.class.getName());
    assertThat(broker.isAlive()).isFalse();
  }

  private static String createTopicAndGetClusterId(LocalBrokerConfig config, String topic) throws Exception {
    try (Admin admin = admin(config)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }

  private static String clusterId(LocalBrokerConfig config) throws Exception {
    try (Admin admin = admin(config)) {
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }

  private static Admin admin(LocalBrokerConfig config) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
  }

  /** A free port whose successor is free too, for the controller listener. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      if (port < 65535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two consecutive free ports found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
