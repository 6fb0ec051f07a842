package io.winback.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Option;

/**
 * The broker a command talks to: {@code --bootstrap-servers}, else KAFKA_BOOTSTRAP_SERVERS, else
 * the local broker that {@code winback up} starts.
 */
public class KafkaConnection {

  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
  public static final String ENV = "KAFKA_BOOTSTRAP_SERVERS";

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_BOOTSTRAP + ")")
  String bootstrapServers;

  public String bootstrapServers() {
    if (bootstrapServers != null && !bootstrapServers.isBlank()) {
      return bootstrapServers;
    }
    String env = System.getenv(ENV);
    return env == null || env.isBlank() ? DEFAULT_BOOTSTRAP : env;
  }

  /** True when the user named a broker, so {@code up} must not start its own. */
  public boolean isExplicit() {
    return (bootstrapServers != null && !bootstrapServers.isBlank())
        || (System.getenv(ENV) != null && !System.getenv(ENV).isBlank());
  }

  public Admin admin() {
    return adminFor(bootstrapServers());
  }

  public Admin adminFor(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "winback-cli");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  /** Fails fast with a message a person understands when no broker answers. */
  public void requireReachable(Admin admin, Duration timeout) {
    requireReachable(admin, bootstrapServers(), timeout);
  }

  public void requireReachable(Admin admin, String bootstrap, Duration timeout) {
    try {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new CommandFailure("cannot reach Kafka at " + bootstrap
          + " (start the local broker with ./winback up, or set --bootstrap-servers / "
          + ENV + ")", CommandFailure.UNREACHABLE);
    }
  }

  public Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "winback-cli");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** A group-less consumer that sees only committed records. */
  public Map<String, Object> readCommittedConsumerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "winback-cli-tail");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }
}
