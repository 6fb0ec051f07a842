package io.winback.cli.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the single-node local KRaft broker of {@code winback up} runs.
 *
 * @param dataDir        holds server.properties, the cluster id, the Kafka logs and broker.log
 * @param host           the only address the broker binds and advertises
 * @param port           the client (PLAINTEXT) port
 * @param controllerPort the KRaft controller port
 * @param nodeId         node id of the combined broker and controller
 * @param partitions     partitions of topics created without an explicit count
 */
public record LocalBrokerConfig(Path dataDir, String host, int port, int controllerPort, int nodeId, int partitions) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9092;
  public static final int DEFAULT_NODE_ID = 1;
  public static final int DEFAULT_PARTITIONS = 3;

  public LocalBrokerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    // Absolute, because the broker resolves log.dirs against its own working directory.
    dataDir = dataDir.toAbsolutePath().normalize();
    requirePort(port, "port");
    requirePort(controllerPort, "controllerPort");
    if (port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (nodeId < 0) {
      throw new IllegalArgumentException("nodeId must not be negative, not " + nodeId);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
    }
  }

  public static LocalBrokerConfig of(Path dataDir) {
    return of(dataDir, DEFAULT_PORT);
  }

  /** Defaults everywhere else; the controller listens on the next port up. */
  public static LocalBrokerConfig of(Path dataDir, int port) {
    return new LocalBrokerConfig(dataDir, DEFAULT_HOST, port, port + 1, DEFAULT_NODE_ID, DEFAULT_PARTITIONS);
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  public Path logDir() {
    return dataDir.resolve("kafka-logs");
  }

  public Path propertiesFile() {
    return dataDir.resolve("server.properties");
  }

  public Path clusterIdFile() {
    return dataDir.resolve("cluster.id");
  }

  public Path brokerLog() {
    return dataDir.resolve("broker.log");
  }

  /** The broker configuration, in the order it is written to server.properties. */
  public Map<String, String> serverProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(nodeId));
    props.put("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
    props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    // Forward slashes: a Windows backslash would be read as an escape by java.util.Properties.
    props.put("log.dirs", logDir().toString().replace('\\', '/'));
    props.put("num.partitions", String.valueOf(partitions));
    // One node: every internal topic must be satisfied by a single replica, or transactions
    // and exactly_once_v2 never get going.
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // Topics come from the Winback topic catalogue; a typo must fail, not create a topic.
    props.put("auto.create.topics.enable", "false");
    return props;
  }

  /** Writes server.properties into the data dir, replacing any earlier one, and returns its path. */
  public Path writeServerProperties() throws IOException {
    Files.createDirectories(dataDir);
    StringBuilder text = new StringBuilder("# Written by winback on every start; edits are overwritten.\n");
    serverProperties().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return Files.writeString(propertiesFile(), text, StandardCharsets.UTF_8);
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
    }
  }
}
