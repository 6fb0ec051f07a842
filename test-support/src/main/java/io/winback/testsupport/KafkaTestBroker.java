package io.winback.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one real Kafka broker shared by every integration test in a JVM.
 *
 * <p>Started lazily on first use: a Testcontainers {@code apache/kafka} container when a Docker
 * engine answers, otherwise an in-JVM KRaft broker. Force either with the system property
 * {@code winback.test.broker} (or environment variable {@code WINBACK_TEST_BROKER} or
 * {@code winback.test.broker}) set to
 * {@code embedded} or {@code container}. Stopped by a JVM shutdown hook.
 *
 * <p>{@link #bootstrapServers()} and {@link #kind()} are static so that code outside JUnit can
 * reach the broker; a {@code KafkaTestBroker} parameter injected by {@link KafkaBrokerExtension}
 * offers them too, plus helpers that need no static state.
 */
public final class KafkaTestBroker {

  public static final String EMBEDDED = "embedded";
  public static final String CONTAINER = "container";
  public static final String CHOICE_PROPERTY = "winback.test.broker";
  static final String CHOICE_ENV = "WINBACK_TEST_BROKER";

  private static final Logger log = LoggerFactory.getLogger(KafkaTestBroker.class);
  private static final KafkaTestBroker INSTANCE = new KafkaTestBroker();
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private static volatile BrokerBackend backend;

  private KafkaTestBroker() {
  }

  /** The shared broker, started if needed. */
  public static KafkaTestBroker get() {
    backend();
    return INSTANCE;
  }

  /** Bootstrap servers of the shared broker, starting it on first call. */
  public static String bootstrapServers() {
    return backend().bootstrapServers();
  }

  /** {@value #EMBEDDED} or {@value #CONTAINER}, starting the broker on first call. */
  public static String kind() {
    return backend().kind();
  }

  /** A new admin client on the shared broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** A topic name no other test uses, so tests sharing the broker cannot see each other's records. */
  public String uniqueTopic(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a topic with replication factor 1 and waits until the broker confirms it. */
  public String createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return name;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name, e);
    }
  }

  private static BrokerBackend backend() {
    BrokerBackend current = backend;
    if (current != null) {
      return current;
    }
    synchronized (KafkaTestBroker.class) {
      if (backend == null) {
        backend = start();
      }
      return backend;
    }
  }

  private static BrokerBackend start() {
    BackendChoice choice = BackendChoice.of(CHOICE_PROPERTY, CHOICE_ENV, EMBEDDED, CONTAINER);
    String kind = choice.kind();
    String reason = choice.reason();
    long startNanos = System.nanoTime();
    BrokerBackend started = CONTAINER.equals(kind) ? ContainerBackend.start() : EmbeddedBackend.start();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    log.info("Kafka test broker: {} at {}, started in {} ms; chosen because {}",
        kind, started.bootstrapServers(), millis, reason);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(started), "kafka-test-broker-stop"));
    return started;
  }

  static String forcedChoice() {
    return BackendChoice.forced(CHOICE_PROPERTY, CHOICE_ENV, EMBEDDED, CONTAINER);
  }


  private static void stopQuietly(BrokerBackend toStop) {
    try {
      toStop.stop();
    } catch (RuntimeException e) {
      // The JVM is exiting anyway; a noisy stack trace here would only hide the test results.
      log.debug("Kafka test broker did not stop cleanly", e);
    }
  }
}
