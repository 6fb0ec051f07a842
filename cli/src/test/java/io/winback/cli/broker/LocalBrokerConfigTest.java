package io.winback.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerConfigTest {

  @TempDir
  Path dataDir;

  @Test
  void defaultsToASingleNodeOnLoopback() {
    LocalBrokerConfig config = LocalBrokerConfig.of(dataDir);

    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.controllerPort()).isEqualTo(9093);
    assertThat(config.serverProperties())
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
        .containsEntry("log.dirs", dataDir.resolve("kafka-logs").toString())
        .containsEntry("num.partitions", "3")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void writesPropertiesThatJavaReadsBack() throws Exception {
    LocalBrokerConfig config = LocalBrokerConfig.of(dataDir.resolve("nested"), 19092);

    Path file = config.writeServerProperties();

    Properties read = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      read.load(in);
    }
    assertThat(read).containsAllEntriesOf(config.serverProperties());
    assertThat(read.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
  }

  @Test
  void commandLineArgumentsRoundTrip() {
    LocalBrokerConfig config = new LocalBrokerConfig(dataDir, "localhost", 29092, 29100, 7, 5);

    assertThat(LocalBroker.parseArgs(LocalBroker.toArgs(config).toArray(String[]::new))).isEqualTo(config);
    assertThat(LocalBroker.parseArgs(new String[] {"--data-dir", dataDir.toString(), "--port", "9200"}))
        .isEqualTo(LocalBrokerConfig.of(dataDir, 9200));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> LocalBroker.parseArgs(new String[] {"--port", "9092"}))
        .hasMessageContaining("--data-dir");
    assertThatThrownBy(() -> LocalBroker.parseArgs(new String[] {"--data-dir", "x", "--port", "abc"}))
        .hasMessageContaining("abc");
    assertThatThrownBy(() -> new LocalBrokerConfig(dataDir, "127.0.0.1", 9092, 9092, 1, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
