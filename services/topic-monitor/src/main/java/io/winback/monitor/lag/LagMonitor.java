package io.winback.monitor.lag;

import io.winback.monitor.lag.OldestRecordLookup.Oldest;
import io.winback.monitor.lag.OldestRecordLookup.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sampling cycle after another: reads the cluster, keeps each group-partition's window of
 * samples, evaluates it, records the history, and hands an immutable snapshot to whoever listens
 * (pages, API, metrics). Plain Java; the schedule lives elsewhere.
 */
public final class LagMonitor {

  private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

  private record GroupPartition(String group, TopicPartition partition) {}

  private final ClusterReader reader;
  private final OldestRecordLookup oldest;
  private final LagEvaluator evaluator;
  private final Map<String, String> catalogue;
  private final Duration rateWindow;
  private final History history;
  private final Clock clock;
  private final Map<GroupPartition, RingBuffer<OffsetSample>> windows = new HashMap<>();
  private final List<Consumer<MonitorSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile MonitorSnapshot latest;

  /**
   * @param catalogue topic name to description, in display order
   * @param deadLetterTopic the catalogue topic whose retained records are the dead-letter depth
   */
  public LagMonitor(ClusterReader reader, OldestRecordLookup oldest, LagEvaluator evaluator,
      Map<String, String> catalogue, String deadLetterTopic, Duration rateWindow, History history, Clock clock) {
    this.reader = reader;
    this.oldest = oldest;
    this.evaluator = evaluator;
    this.catalogue = new LinkedHashMap<>(catalogue);
    this.rateWindow = rateWindow;
    this.history = history;
    this.clock = clock;
    this.latest = MonitorSnapshot.initial(deadLetterTopic);
  }

  public MonitorSnapshot latest() {
    return latest;
  }

  public History history() {
    return history;
  }

  public void addListener(Consumer<MonitorSnapshot> listener) {
    listeners.add(listener);
  }

  /** One cycle; never throws for an unreachable broker, the snapshot says so instead. */
  public synchronized MonitorSnapshot sample() {
    long attempted = clock.millis();
    ClusterReading reading;
    try {
      reading = reader.read();
    } catch (RuntimeException e) {
      if (latest.reachable() || latest.attemptedAt() == 0) {
        log.warn("Kafka is not reachable: {}", e.getMessage());
      }
      return publish(latest.unreachable(attempted, String.valueOf(e.getMessage())));
    }
    if (!latest.reachable() && latest.sampledAt() > 0) {
      log.info("Kafka is reachable again");
    }
    List<TopicView> topics = topics(reading);
    List<GroupView> groups = groups(reading);
    history.prune(reading.at());
    return publish(new MonitorSnapshot(reading.at(), attempted, true, null, latest.deadLetterTopic(), topics, groups));
  }

  private MonitorSnapshot publish(MonitorSnapshot snapshot) {
    latest = snapshot;
    for (Consumer<MonitorSnapshot> listener : listeners) {
      try {
        listener.accept(snapshot);
      } catch (RuntimeException e) {
        log.warn("a snapshot listener failed", e);
      }
    }
    return snapshot;
  }

  private List<TopicView> topics(ClusterReading reading) {
    List<TopicView> views = new ArrayList<>();
    catalogue.forEach((name, description) -> {
      Integer partitions = reading.topics().get(name);
      if (partitions == null) {
        views.add(new TopicView(name, description, false, 0, 0, 0, 0, List.of()));
        return;
      }
      List<TopicView.PartitionOffsets> offsets = new ArrayList<>();
      long end = 0;
      long retained = 0;
      for (int partition = 0; partition < partitions; partition++) {
        TopicPartition tp = new TopicPartition(name, partition);
        long partitionEnd = reading.ends().getOrDefault(tp, 0L);
        long partitionStart = reading.starts().getOrDefault(tp, 0L);
        offsets.add(new TopicView.PartitionOffsets(partition, partitionStart, partitionEnd));
        end += partitionEnd;
        retained += Math.max(0, partitionEnd - partitionStart);
      }
      List<Rates.Point> points = new ArrayList<>(history.topic(name).stream()
          .map(point -> new Rates.Point(point.at(), point.endOffset())).toList());
      points.add(new Rates.Point(reading.at(), end));
      double rate = Rates.perSecond(points, rateWindow);
      history.addTopic(name, new History.TopicPoint(reading.at(), end, rate));
      views.add(new TopicView(name, description, true, partitions, end, retained, rate, offsets));
    });
    return views;
  }

  private List<GroupView> groups(ClusterReading reading) {
    Map<Request, Oldest> oldestRecords = lookUpOldest(reading);
    Set<GroupPartition> seen = new HashSet<>();
    List<GroupView> views = new ArrayList<>();
    for (ClusterReading.GroupOffsets group : reading.groups()) {
      Map<String, List<PartitionLag>> byTopic = new LinkedHashMap<>();
      group.committed().entrySet().stream()
          .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic)
              .thenComparingInt(TopicPartition::partition)))
          .forEach(entry -> {
            TopicPartition tp = entry.getKey();
            long committed = entry.getValue();
            long end = reading.ends().getOrDefault(tp, committed);
            Oldest found = committed < end
                ? oldestRecords.getOrDefault(request(reading, tp, committed), Oldest.UNKNOWN) : Oldest.NONE;
            OffsetSample sample = new OffsetSample(reading.at(), committed, end, found.pending(), group.membersActive());
            GroupPartition key = new GroupPartition(group.groupId(), tp);
            seen.add(key);
            RingBuffer<OffsetSample> window = windows.computeIfAbsent(key, k -> new RingBuffer<>(evaluator.windowSize()));
            window.add(sample);
            Evaluation evaluation = evaluator.evaluate(window.toList());
            double seconds = TimeLag.seconds(sample.backlog(), found.timestampIfFound(), reading.at());
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(new PartitionLag(tp.partition(),
                committed, end, sample.lag(), seconds, evaluation.status(), evaluation.growing(), evaluation.reason()));
          });
      List<GroupTopicLag> topics = new ArrayList<>();
      byTopic.forEach((topic, partitions) -> topics.add(groupTopic(group.groupId(), topic, partitions, reading.at())));
      ConsumerStatus status = ConsumerStatus.worst(topics.stream().map(GroupTopicLag::status).toList());
      views.add(new GroupView(group.groupId(), group.state(), group.members(), status, topics));
    }
    windows.keySet().retainAll(seen);
    return views;
  }

  private GroupTopicLag groupTopic(String group, String topic, List<PartitionLag> partitions, long at) {
    long committed = partitions.stream().mapToLong(PartitionLag::committedOffset).sum();
    long lag = partitions.stream().mapToLong(PartitionLag::lagRecords).sum();
    double seconds = partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0);
    boolean growing = partitions.stream().anyMatch(PartitionLag::growing);
    ConsumerStatus status = ConsumerStatus.worst(partitions.stream().map(PartitionLag::status).toList());
    List<Rates.Point> points = new ArrayList<>(history.lag(group, topic).stream()
        .map(point -> new Rates.Point(point.at(), point.committedOffset())).toList());
    points.add(new Rates.Point(at, committed));
    double rate = Rates.perSecond(points, rateWindow);
    history.addLag(group, topic, new History.LagPoint(at, committed, lag, seconds, rate));
    return new GroupTopicLag(topic, status, lag, seconds, growing, rate, List.copyOf(partitions));
  }

  /** One lookup for every partition some group lags on; partitions at the same offset share it. */
  private Map<Request, Oldest> lookUpOldest(ClusterReading reading) {
    Set<Request> requests = new HashSet<>();
    reading.groups().forEach(group -> group.committed().forEach((tp, committed) -> {
      if (committed < reading.ends().getOrDefault(tp, committed)) {
        requests.add(request(reading, tp, committed));
      }
    }));
    if (requests.isEmpty()) {
      return Map.of();
    }
    try {
      return oldest.lookup(requests);
    } catch (RuntimeException e) {
      // Time lag is a nicety on top of the offsets; without it every backlog counts as pending.
      log.warn("could not read the oldest unconsumed records: {}", e.toString());
      return Map.of();
    }
  }

  /** Records below the log start are gone (retention); the oldest one left is where reading resumes. */
  private static Request request(ClusterReading reading, TopicPartition tp, long committed) {
    long start = reading.starts().getOrDefault(tp, 0L);
    return new Request(tp, Math.max(committed, start), reading.ends().getOrDefault(tp, committed));
  }
}
