package io.winback.monitor.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Looks up the oldest unconsumed record by seeking a group-less, read_committed consumer to the
 * committed offset and polling until the first record of each partition arrives. Results are
 * cached per partition and offset: a committed offset only moves when the group makes progress,
 * so a stuck or idle group costs one fetch, not one per sample. Where only markers were found,
 * the cache remembers how far it looked, so the next search resumes there.
 *
 * <p>Single-threaded like the sampler that uses it; the methods are synchronized all the same.
 */
public final class ConsumerOldestRecordLookup implements OldestRecordLookup, AutoCloseable {

  private static final int CACHE_SIZE = 10_000;
  private static final Duration POLL = Duration.ofMillis(100);

  /** FOUND with a timestamp, or searched without result up to {@code scannedTo}. */
  private record Known(Oldest oldest, long scannedTo) {}

  private final Consumer<byte[], byte[]> consumer;
  private final Duration timeout;
  /** The cache is keyed by where a search starts, not by the end it was asked to reach. */
  private record Start(TopicPartition partition, long from) {}

  private final Map<Start, Known> known = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Start, Known> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  public ConsumerOldestRecordLookup(Consumer<byte[], byte[]> consumer, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
  }

  @Override
  public synchronized Map<Request, Oldest> lookup(Collection<Request> requests) {
    Map<Request, Oldest> answers = new HashMap<>();
    List<Request> toSearch = new ArrayList<>();
    for (Request request : new HashSet<>(requests)) {
      if (request.from() >= request.end()) {
        answers.put(request, Oldest.NONE);
        continue;
      }
      Known before = known.get(new Start(request.partition(), request.from()));
      if (before != null && before.oldest().outcome() == Outcome.FOUND) {
        answers.put(request, before.oldest());
      } else if (before != null && before.scannedTo() >= request.end()) {
        answers.put(request, Oldest.NONE);
      } else {
        toSearch.add(request);
      }
    }
    // One seek position per partition and pass: groups at different offsets of a partition take turns.
    while (!toSearch.isEmpty()) {
      Map<TopicPartition, Request> pass = new LinkedHashMap<>();
      List<Request> later = new ArrayList<>();
      toSearch.forEach(request -> {
        if (pass.putIfAbsent(request.partition(), request) != null) {
          later.add(request);
        }
      });
      answers.putAll(search(pass));
      toSearch = later;
    }
    return answers;
  }

  private Map<Request, Oldest> search(Map<TopicPartition, Request> pass) {
    Map<Request, Oldest> answers = new HashMap<>();
    Set<TopicPartition> open = new HashSet<>(pass.keySet());
    consumer.assign(pass.keySet());
    pass.forEach((partition, request) -> {
      Known before = known.get(new Start(partition, request.from()));
      consumer.seek(partition, before == null ? request.from() : Math.max(request.from(), before.scannedTo()));
    });
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!open.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          Request request = pass.get(partition);
          if (open.contains(partition) && record.offset() >= request.from()) {
            remember(request, new Known(Oldest.found(record.timestamp()), record.offset()));
            answers.put(request, Oldest.found(record.timestamp()));
            open.remove(partition);
            consumer.pause(List.of(partition));
          }
        }
        for (TopicPartition partition : List.copyOf(open)) {
          Request request = pass.get(partition);
          long position = consumer.position(partition);
          if (position >= request.end()) {
            remember(request, new Known(Oldest.NONE, position));
            answers.put(request, Oldest.NONE);
            open.remove(partition);
          }
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      for (TopicPartition partition : open) {
        Request request = pass.get(partition);
        remember(request, new Known(Oldest.UNKNOWN, consumer.position(partition)));
        answers.put(request, Oldest.UNKNOWN);
      }
    } finally {
      consumer.assign(List.of()); // also forgets the paused state for the next search
    }
    return answers;
  }

  private void remember(Request request, Known result) {
    known.put(new Start(request.partition(), request.from()), result);
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
