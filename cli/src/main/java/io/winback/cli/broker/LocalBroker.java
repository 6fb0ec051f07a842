package io.winback.cli.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.Uuid;

import kafka.tools.StorageTool;

/**
 * Entry point of the local broker JVM that {@link LocalBrokerProcess} starts.
 *
 * <p>Usage: {@code LocalBroker --data-dir DIR [--port N] [--host H] [--controller-port N]
 * [--node-id N] [--partitions N]}. Writes server.properties, formats the storage on the first
 * start only, then runs the real Kafka broker until SIGTERM or SIGINT, on which Kafka's own
 * shutdown hook stops it cleanly. Records therefore survive restarts.
 */
public final class LocalBroker {

  private static final String META_PROPERTIES = "meta.properties";

  private LocalBroker() {
  }

  public static void main(String[] args) throws IOException {
    LocalBrokerConfig config;
    try {
      config = parseArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: LocalBroker --data-dir DIR [--port N] [--host H] [--controller-port N]"
          + " [--node-id N] [--partitions N]");
      System.exit(2);
      return;
    }
    prepare(config);
    // Blocks until shutdown; on a startup failure it logs the cause and exits with status 1.
    kafka.Kafka.main(new String[] {config.propertiesFile().toString()});
  }

  /**
   * Writes server.properties and formats the storage unless it already is.
   *
   * @return true if the storage was formatted now, false if an earlier start had formatted it
   */
  public static boolean prepare(LocalBrokerConfig config) throws IOException {
    Path properties = config.writeServerProperties();
    if (isFormatted(config)) {
      return false;
    }
    format(properties, clusterId(config));
    return true;
  }

  public static boolean isFormatted(LocalBrokerConfig config) {
    return Files.exists(config.logDir().resolve(META_PROPERTIES));
  }

  /** The cluster id of this data dir, created once so a re-format after a failed first start reuses it. */
  static String clusterId(LocalBrokerConfig config) throws IOException {
    Path file = config.clusterIdFile();
    if (Files.exists(file)) {
      String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!existing.isEmpty()) {
        return existing;
      }
    }
    String created = Uuid.randomUuid().toString();
    Files.writeString(file, created + "\n", StandardCharsets.UTF_8);
    return created;
  }

  private static void format(Path properties, String clusterId) {
    String[] formatArgs = {"format", "--config", properties.toString(), "--cluster-id", clusterId};
    int status;
    try {
      // execute(), unlike main(), reports failure instead of calling System.exit.
      status = StorageTool.execute(formatArgs, System.out);
    } catch (RuntimeException e) {
      throw new LocalBrokerException("formatting the broker storage failed: " + e.getMessage(), e);
    }
    if (status != 0) {
      throw new LocalBrokerException("formatting the broker storage failed with status " + status);
    }
  }

  static LocalBrokerConfig parseArgs(String[] args) {
    Path dataDir = null;
    String host = LocalBrokerConfig.DEFAULT_HOST;
    int port = LocalBrokerConfig.DEFAULT_PORT;
    Integer controllerPort = null;
    int nodeId = LocalBrokerConfig.DEFAULT_NODE_ID;
    int partitions = LocalBrokerConfig.DEFAULT_PARTITIONS;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("missing value for " + option);
      }
      String value = rest.remove(0);
      switch (option) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--host" -> host = value;
        case "--port" -> port = parseInt(option, value);
        case "--controller-port" -> controllerPort = parseInt(option, value);
        case "--node-id" -> nodeId = parseInt(option, value);
        case "--partitions" -> partitions = parseInt(option, value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    return new LocalBrokerConfig(dataDir, host, port, controllerPort != null ? controllerPort : port + 1,
        nodeId, partitions);
  }

  /** The arguments that make {@link #parseArgs} return {@code config} again. */
  static List<String> toArgs(LocalBrokerConfig config) {
    return List.of(
        "--data-dir", config.dataDir().toString(),
        "--host", config.host(),
        "--port", String.valueOf(config.port()),
        "--controller-port", String.valueOf(config.controllerPort()),
        "--node-id", String.valueOf(config.nodeId()),
        "--partitions", String.valueOf(config.partitions()));
  }

  private static int parseInt(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
    }
  }
}
