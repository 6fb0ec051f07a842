package io.winback.monitor.api;

import io.winback.monitor.lag.History;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts' data: per topic [epochMillis, recordsPerSecond, endOffset] and per group and topic
 * [epochMillis, lagRecords, lagSeconds, recordsPerSecond], oldest first, the last hour at most.
 */
public record HistoryJson(List<TopicSeries> topics, List<LagSeries> lags) {

  public record TopicSeries(String topic, List<double[]> points) {}

  public record LagSeries(String group, String topic, List<double[]> points) {}

  static HistoryJson of(History history) {
    List<TopicSeries> topics = new ArrayList<>();
    history.topics().forEach((topic, points) -> topics.add(new TopicSeries(topic, points.stream()
        .map(point -> new double[] {point.at(), point.recordsPerSecond(), point.endOffset()}).toList())));
    List<LagSeries> lags = new ArrayList<>();
    history.lags().forEach((group, byTopic) -> byTopic.forEach((topic, points) -> lags.add(new LagSeries(group, topic,
        points.stream().map(point -> new double[] {point.at(), point.lagRecords(), point.lagSeconds(),
            point.recordsPerSecond()}).toList()))));
    return new HistoryJson(topics, lags);
  }
}
