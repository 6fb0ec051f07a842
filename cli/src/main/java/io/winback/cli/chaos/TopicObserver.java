package io.winback.cli.chaos;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the system's output from the beginning, as any downstream reader would: read_committed, in
 * no consumer group, through every broker restart (the client reconnects by itself). Runs until
 * {@link #stop}.
 */
final class TopicObserver implements Runnable, AutoCloseable {

  static final List<TopicSpec<?, ?>> WATCHED = List.of(Topics.CASES, Topics.TASKS_WRITTEN, Topics.TASKS_PHONE,
      Topics.TASKS_IN_PERSON, Topics.FEEDBACK, Topics.DEAD_LETTERS);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Observations observations;
  private volatile boolean running = true;
  private volatile Thread thread;

  TopicObserver(String bootstrap, Observations observations) {
    this.observations = observations;
    this.consumer = new KafkaConsumer<>(config(bootstrap));
  }

  void start() {
    thread = new Thread(this, "chaos-observer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicSpec<?, ?> topic : WATCHED) {
      for (int partition = 0; partition < topic.partitions(); partition++) {
        partitions.add(new TopicPartition(topic.name(), partition));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    try {
      while (running) {
        try {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            observations.accept(record);
          }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
          return;
        } catch (org.apache.kafka.common.KafkaException brokerAway) {
          sleep();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Ends the reading; the consumer closes on its own thread. */
  void stop() {
    running = false;
    consumer.wakeup();
    Thread reader = thread;
    if (reader != null) {
      try {
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Object> config(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "winback-chaos-observer");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }
}
