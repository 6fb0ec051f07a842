package io.winback.monitor.api;

import io.winback.monitor.lag.GroupTopicLag;
import io.winback.monitor.lag.GroupView;
import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.lag.PartitionLag;
import java.time.Instant;
import java.util.List;

/**
 * GET /api/lag: for each group, topic and partition, the committed offset, the log-end offset,
 * the lag in records (as Kafka's consumer-groups tool counts it) and in seconds, with the status.
 */
public record LagJson(String sampledAt, boolean reachable, String error, List<Group> groups) {

  public record Group(String group, String state, int members, String status, long lagRecords, double lagSeconds,
      boolean growing, List<Topic> topics) {}

  public record Topic(String topic, String status, long lagRecords, double lagSeconds, boolean growing,
      double recordsPerSecond, List<PartitionLag> partitions) {}

  static LagJson of(MonitorSnapshot snapshot) {
    return new LagJson(instant(snapshot.sampledAt()), snapshot.reachable(), snapshot.error(),
        snapshot.groups().stream().map(LagJson::group).toList());
  }

  private static Group group(GroupView view) {
    return new Group(view.group(), view.state(), view.members(), view.status().name(), view.lagRecords(),
        view.lagSeconds(), view.growing(), view.topics().stream().map(LagJson::topic).toList());
  }

  private static Topic topic(GroupTopicLag lag) {
    return new Topic(lag.topic(), lag.status().name(), lag.lagRecords(), lag.lagSeconds(), lag.growing(),
        lag.recordsPerSecond(), lag.partitions());
  }

  static String instant(long epochMillis) {
    return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
