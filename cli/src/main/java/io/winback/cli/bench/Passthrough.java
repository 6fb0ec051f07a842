package io.winback.cli.bench;

import io.winback.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The baseline: the least a Kafka Streams application can do with the cancellations, read them as
 * bytes and write them unchanged, with the processor's Kafka Streams properties (its application.yml:
 * exactly_once_v2, the commit interval, producer settings), over the same topic and partitions on the
 * same broker.
 */
final class Passthrough {

  /** Kafka Streams' own default commit interval under exactly-once is 100 ms too. */
  static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

  private static final java.util.regex.Pattern CLASS_NAME =
      java.util.regex.Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");

  private Passthrough() {}

  /** False for a class name this JVM cannot load (a class of the processor's own), true for any other value. */
  static boolean loadable(String value) {
    if (!CLASS_NAME.matcher(value).matches()) {
      return true;
    }
    try {
      Class.forName(value, false, Passthrough.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static Topology topology() {
    Topology topology = new Topology();
    topology.addSource("cancellations", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
        Topics.CANCELLATIONS.name());
    topology.addSink("passthrough", Topics.BENCH_PASSTHROUGH.name(), Topics.BENCH_PASSTHROUGH.keySerde().serializer(),
        Topics.BENCH_PASSTHROUGH.valueSerde().serializer(), "cancellations");
    return topology;
  }

  /**
   * The processor's Kafka Streams properties, on top of the processor's defaults where it names
   * none (exactly_once_v2, commit every 100 ms, one thread), with this run's broker, application
   * id and state directory.
   */
  static Properties config(String bootstrap, String applicationId, Path stateDir,
      Map<String, String> processorProperties) {
    Properties config = new Properties();
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(DEFAULT_COMMIT_INTERVAL_MS));
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
    processorProperties.forEach((key, value) -> {
      if (loadable(value)) {
        config.put(key, value);
      }
    });
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return config;
  }
}
