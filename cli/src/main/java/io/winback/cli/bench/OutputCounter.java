package io.winback.cli.bench;

import io.winback.cli.CommandFailure;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads output topics with a read_committed, group-less consumer from given offsets and counts
 * this run's records (by key prefix): when the first and the last were seen, for throughput, and,
 * for records stamped at or after {@link #measureLatencyFrom}, how long after their timestamp they
 * became visible. Kafka Streams gives an output record its input record's timestamp, so that is
 * the time from "cancellation produced" to "task committed".
 */
final class OutputCounter implements AutoCloseable {

  private static final long HIGHEST_MILLIS = TimeUnit.MINUTES.toMillis(10);
  static final long WINDOW_MILLIS = 5_000;

  private final String name;
  private final KafkaConsumer<String, byte[]> consumer;
  private final String keyPrefix;
  private final Thread thread;
  private final AtomicLong count = new AtomicLong();
  private final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> keyBytesByTopic = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> valueBytesByTopic = new ConcurrentHashMap<>();
  private final List<long[]> marks = new ArrayList<>();
  private final AtomicLong latencyCount = new AtomicLong();
  private final Histogram latency = new Histogram(HIGHEST_MILLIS, 3);
  /** The same latencies by 5-second window of their timestamp, to see whether the tail is spread or bunched. */
  private final Map<Long, Histogram> latencyByWindow = new TreeMap<>();
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile long firstNanos = -1;
  private volatile long lastNanos = -1;
  private volatile long firstBatch;
  private volatile long latencyFromMillis = Long.MAX_VALUE;
  private volatile Throwable failure;

  OutputCounter(String name, Map<String, Object> consumerConfig, Map<TopicPartition, Long> startOffsets,
      String keyPrefix) {
    this.name = name;
    this.keyPrefix = keyPrefix;
    this.consumer = new KafkaConsumer<>(consumerConfig);
    consumer.assign(startOffsets.keySet());
    startOffsets.forEach(consumer::seek);
    this.thread = new Thread(this::run, "winback-bench-" + name);
    thread.setDaemon(true);
  }

  OutputCounter start() {
    started = true;
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        long seenNanos = System.nanoTime();
        long seenMillis = System.currentTimeMillis();
        long from = latencyFromMillis;
        long matched = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
          if (record.key() == null || !record.key().startsWith(keyPrefix)) {
            continue;
          }
          matched++;
          byTopic.computeIfAbsent(record.topic(), topic -> new LongAdder()).increment();
          keyBytesByTopic.computeIfAbsent(record.topic(), topic -> new LongAdder())
              .add(Math.max(0, record.serializedKeySize()));
          valueBytesByTopic.computeIfAbsent(record.topic(), topic -> new LongAdder())
              .add(Math.max(0, record.serializedValueSize()));
          if (record.timestamp() >= from) {
            long millis = Math.max(0, Math.min(HIGHEST_MILLIS, seenMillis - record.timestamp()));
            synchronized (latency) {
              latency.recordValue(millis);
              latencyByWindow.computeIfAbsent((record.timestamp() - from) / WINDOW_MILLIS,
                  window -> new Histogram(HIGHEST_MILLIS, 3)).recordValue(millis);
            }
            latencyCount.incrementAndGet();
          }
        }
        if (matched > 0) {
          if (firstNanos < 0) {
            firstBatch = matched;
            firstNanos = seenNanos;
          }
          lastNanos = seenNanos;
          long seen = count.addAndGet(matched);
          synchronized (marks) {
            marks.add(new long[] {seenNanos, seen});
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  long count() {
    return count.get();
  }

  /** This run's records per topic, sorted by topic name. */
  Map<String, Long> countByTopic() {
    Map<String, Long> counts = new TreeMap<>();
    byTopic.forEach((topic, adder) -> counts.put(topic, adder.sum()));
    return counts;
  }

  /** This run's records per topic with their key and value bytes, as {@link WriteTally} counts them. */
  Map<String, WriteTally.Written> writtenByTopic() {
    Map<String, WriteTally.Written> written = new TreeMap<>();
    byTopic.forEach((topic, adder) -> written.put(topic, new WriteTally.Written(adder.sum(),
        keyBytesByTopic.getOrDefault(topic, new LongAdder()).sum(),
        valueBytesByTopic.getOrDefault(topic, new LongAdder()).sum())));
    return written;
  }

  /** Records per second from the first committed batch to the last record, see {@link Throughput}. */
  double perSecond() {
    return Throughput.perSecond(count.get(), firstBatch, firstNanos, lastNanos);
  }

  /**
   * Sustained records per second up to {@code target}, see {@link Throughput#sustained}; the overall
   * figure when there were too few polls to tell.
   */
  double sustainedPerSecond(long target) {
    double sustained;
    synchronized (marks) {
      sustained = Throughput.sustained(marks, target);
    }
    return sustained > 0 ? sustained : perSecond();
  }

  double seconds() {
    return firstNanos < 0 ? 0 : (lastNanos - firstNanos) / 1e9;
  }

  /** From now on, records stamped at or after {@code timestampMillis} go into the latency histogram. */
  void measureLatencyFrom(long timestampMillis) {
    latencyFromMillis = timestampMillis;
  }

  long latencyCount() {
    return latencyCount.get();
  }

  Histogram latency() {
    synchronized (latency) {
      return latency.copy();
    }
  }

  /** p99 of each 5-second window of the measured latency phase, in order. */
  List<Long> p99ByWindow() {
    synchronized (latency) {
      return latencyByWindow.values().stream().map(histogram -> histogram.getValueAtPercentile(99)).toList();
    }
  }

  /**
   * Waits until {@code target} records were seen. Fails when the producing side died
   * ({@code deadReason} answers non-null) or nothing new arrived for {@code stall}.
   */
  void awaitCount(long target, Duration stall, Supplier<String> deadReason, PrintStream progress, String phase) {
    long lastCount = -1;
    long lastChange = System.nanoTime();
    long lastReport = System.nanoTime();
    long reportedCount = 0;
    while (count.get() < target) {
      if (failure != null) {
        throw new CommandFailure(phase + ": the output consumer failed: " + failure);
      }
      String dead = deadReason.get();
      if (dead != null) {
        throw new CommandFailure(phase + ": " + dead);
      }
      long now = System.nanoTime();
      long seen = count.get();
      if (seen != lastCount) {
        lastCount = seen;
        lastChange = now;
      } else if (now - lastChange > stall.toNanos()) {
        throw new CommandFailure(phase + ": no new output for " + stall.toSeconds() + " s after " + seen + " of "
            + target + " records");
      }
      if (now - lastReport >= TimeUnit.SECONDS.toNanos(5)) {
        double rate = (seen - reportedCount) * 1e9 / (now - lastReport);
        progress.printf(Locale.ROOT, "bench: %s: %,d of %,d (%,.0f/s over the last %d s)%n", phase, seen, target,
            rate, Math.round((now - lastReport) / 1e9));
        progress.flush();
        lastReport = now;
        reportedCount = seen;
      }
      sleep(50);
    }
  }

  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String name() {
    return name;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    }
  }
}
