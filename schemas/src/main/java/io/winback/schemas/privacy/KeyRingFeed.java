package io.winback.schemas.privacy;

import io.winback.events.CustomerKey;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link KeyRing} in step with winback.keys.v1: every partition, from the beginning, read
 * committed, no consumer group (every instance of every service needs every key), on a thread of
 * its own. {@link #completeAsOf()} says up to when the ring has everything the topic had: a key
 * unknown to a complete ring was never written.
 */
public final class KeyRingFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KeyRingFeed.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KeyRing ring;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Instant completeAsOf;

  private KeyRingFeed(Map<String, Object> consumerConfig, KeyRing ring) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Asking for a topic that does not exist yet must not create it with the broker's default
    // partition count (the ring would then read those partitions only): wait until it is created.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "winback-key-ring-" + ProcessHandle.current().pid());
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.ring = ring;
    this.thread = new Thread(this::run, "key-ring-feed");
    this.thread.setDaemon(true);
  }

  /** Starts reading; {@code consumerConfig} carries the bootstrap servers and any TLS/SASL settings. */
  public static KeyRingFeed start(Map<String, Object> consumerConfig, KeyRing ring) {
    KeyRingFeed feed = new KeyRingFeed(consumerConfig, ring);
    feed.thread.start();
    return feed;
  }

  /** The instant up to which the ring holds everything committed on the topic; null before the first catch-up. */
  public Instant completeAsOf() {
    return completeAsOf;
  }

  public boolean caughtUp() {
    return completeAsOf != null;
  }

  /** Waits until the ring has caught up with the topic once; false after {@code atMost}. */
  public boolean awaitCaughtUp(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (completeAsOf == null && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return completeAsOf != null;
  }

  private void run() {
    try {
      Set<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running) {
        try {
          Instant asOf = Instant.now();
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            apply(record);
          }
          Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
          if (partitions.stream().allMatch(p -> consumer.position(p, Duration.ofSeconds(5)) >= ends.get(p))) {
            completeAsOf = asOf;
          }
        } catch (RetriableException brokerAway) {
          // The broker away for now (a timeout asking for the end offsets): the ring keeps what it has,
          // completeAsOf stays where it was, and reading goes on once the broker is back.
          log.debug("{} not reachable for now: {}", Topics.KEYS.name(), brokerAway.getMessage());
          sleep(1_000);
        }
      }
    } catch (WakeupException closing) {
      // close() asked
    } catch (RuntimeException e) {
      if (running) {
        log.error("the key ring stopped reading {}; a restart of the service starts it again", Topics.KEYS.name(), e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private Set<TopicPartition> partitions() {
    while (running) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.KEYS.name(), Duration.ofSeconds(10));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
              .collect(Collectors.toSet());
        }
      } catch (RetriableException brokerAway) {
        // Not up yet (a service may start before its broker): ask again.
        log.debug("{} not reachable yet: {}", Topics.KEYS.name(), brokerAway.getMessage());
      }
      sleep(1_000);
    }
    return Set.of();
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String customerId = new String(record.key(), StandardCharsets.UTF_8);
    try {
      CustomerKey key = Topics.KEYS.valueSerde().deserializer().deserialize(record.topic(), record.value());
      ring.apply(customerId, key);
    } catch (RuntimeException unreadable) {
      // A record of a newer schema or garbage: better a customer whose fields read as missing than a stopped ring.
      log.warn("unreadable key record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          unreadable.getMessage());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
