package io.winback.monitor.lag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last hour (or whatever {@code capacity} samples span) of every topic's end offsets and rate
 * and every group's lag per topic, in memory, for the charts. Series that got no point for a
 * whole span (a deleted group) are dropped.
 */
public final class History {

  public record TopicPoint(long at, long endOffset, double recordsPerSecond) {}

  public record LagPoint(long at, long committedOffset, long lagRecords, double lagSeconds, double recordsPerSecond) {}

  private final int capacity;
  private final long spanMillis;
  private final Map<String, RingBuffer<TopicPoint>> topics = new TreeMap<>();
  private final Map<String, Map<String, RingBuffer<LagPoint>>> lags = new TreeMap<>();

  public History(int capacity, long spanMillis) {
    this.capacity = capacity;
    this.spanMillis = spanMillis;
  }

  public synchronized void addTopic(String topic, TopicPoint point) {
    topics.computeIfAbsent(topic, name -> new RingBuffer<>(capacity)).add(point);
  }

  public synchronized void addLag(String group, String topic, LagPoint point) {
    lags.computeIfAbsent(group, name -> new TreeMap<>())
        .computeIfAbsent(topic, name -> new RingBuffer<>(capacity)).add(point);
  }

  public synchronized List<TopicPoint> topic(String topic) {
    RingBuffer<TopicPoint> series = topics.get(topic);
    return series == null ? List.of() : series.toList();
  }

  public synchronized List<LagPoint> lag(String group, String topic) {
    RingBuffer<LagPoint> series = lags.getOrDefault(group, Map.of()).get(topic);
    return series == null ? List.of() : series.toList();
  }

  /** Every topic's series, by topic name. */
  public synchronized Map<String, List<TopicPoint>> topics() {
    Map<String, List<TopicPoint>> copy = new LinkedHashMap<>();
    topics.forEach((name, series) -> copy.put(name, series.toList()));
    return copy;
  }

  /** Every group's series per topic, by group id, then topic. */
  public synchronized Map<String, Map<String, List<LagPoint>>> lags() {
    Map<String, Map<String, List<LagPoint>>> copy = new LinkedHashMap<>();
    lags.forEach((group, byTopic) -> {
      Map<String, List<LagPoint>> series = new LinkedHashMap<>();
      byTopic.forEach((topic, points) -> series.put(topic, points.toList()));
      copy.put(group, series);
    });
    return copy;
  }

  /** Forgets series whose newest point is older than the span. */
  public synchronized void prune(long now) {
    long horizon = now - spanMillis;
    topics.values().removeIf(series -> series.newest().at() < horizon);
    lags.values().forEach(byTopic -> byTopic.values().removeIf(series -> series.newest().at() < horizon));
    lags.values().removeIf(Map::isEmpty);
  }
}
