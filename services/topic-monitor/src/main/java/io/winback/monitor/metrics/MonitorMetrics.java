package io.winback.monitor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.winback.monitor.lag.ConsumerStatus;
import io.winback.monitor.lag.GroupTopicLag;
import io.winback.monitor.lag.GroupView;
import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.lag.PartitionLag;
import io.winback.monitor.lag.TopicView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes each snapshot as Micrometer gauges, so Prometheus sees what the pages show.
 * Multi-gauges are overwritten as a whole every sample: a group that disappears takes its series
 * with it instead of freezing at its last value.
 *
 * <p>{@code winback_consumer_status{group,status}} follows Burrow's exporters: one series per
 * status, 1 for the group's current status and 0 for the others, so an alert is simply
 * {@code winback_consumer_status{status=~"STALL|STOP"} == 1}.
 */
public final class MonitorMetrics implements Consumer<MonitorSnapshot> {

  private final MultiGauge topicRate;
  private final MultiGauge topicEnd;
  private final MultiGauge lagRecords;
  private final MultiGauge lagSeconds;
  private final MultiGauge status;
  private volatile double dlqDepth;
  private volatile double dlqRate;
  private volatile double reachable;

  public MonitorMetrics(MeterRegistry registry) {
    topicRate = MultiGauge.builder("winback.topic.records.per.second")
        .description("Records written per second, from end-offset deltas").register(registry);
    topicEnd = MultiGauge.builder("winback.topic.end.offset")
        .description("Sum of the topic's log-end offsets").register(registry);
    lagRecords = MultiGauge.builder("winback.consumer.lag.records")
        .description("Log-end offset minus committed offset, per partition").register(registry);
    lagSeconds = MultiGauge.builder("winback.consumer.lag.seconds")
        .description("Age of the oldest unconsumed record of the group on the topic").register(registry);
    status = MultiGauge.builder("winback.consumer.status")
        .description("1 for the group's current Burrow-style status, 0 for the others").register(registry);
    Gauge.builder("winback.dlq.depth", this, metrics -> metrics.dlqDepth)
        .description("Records kept on the dead-letter topic").register(registry);
    Gauge.builder("winback.dlq.records.per.second", this, metrics -> metrics.dlqRate)
        .description("Dead letters written per second").register(registry);
    Gauge.builder("winback.monitor.kafka.reachable", this, metrics -> metrics.reachable)
        .description("1 when the latest sample reached the broker").register(registry);
  }

  @Override
  public void accept(MonitorSnapshot snapshot) {
    reachable = snapshot.reachable() ? 1 : 0;
    if (!snapshot.reachable()) {
      return; // keep the last values; the reachable gauge says they are stale
    }
    List<MultiGauge.Row<?>> rates = new ArrayList<>();
    List<MultiGauge.Row<?>> ends = new ArrayList<>();
    for (TopicView topic : snapshot.topics()) {
      if (topic.exists()) {
        rates.add(MultiGauge.Row.of(Tags.of("topic", topic.name()), topic.recordsPerSecond()));
        ends.add(MultiGauge.Row.of(Tags.of("topic", topic.name()), topic.endOffset()));
      }
    }
    List<MultiGauge.Row<?>> records = new ArrayList<>();
    List<MultiGauge.Row<?>> seconds = new ArrayList<>();
    List<MultiGauge.Row<?>> statuses = new ArrayList<>();
    for (GroupView group : snapshot.groups()) {
      for (GroupTopicLag topic : group.topics()) {
        seconds.add(MultiGauge.Row.of(Tags.of("group", group.group(), "topic", topic.topic()), topic.lagSeconds()));
        for (PartitionLag partition : topic.partitions()) {
          records.add(MultiGauge.Row.of(Tags.of("group", group.group(), "topic", topic.topic(),
              "partition", Integer.toString(partition.partition())), partition.lagRecords()));
        }
      }
      for (ConsumerStatus value : ConsumerStatus.values()) {
        statuses.add(MultiGauge.Row.of(Tags.of("group", group.group(), "status", value.name()),
            value == group.status() ? 1 : 0));
      }
    }
    topicRate.register(rates, true);
    topicEnd.register(ends, true);
    lagRecords.register(records, true);
    lagSeconds.register(seconds, true);
    status.register(statuses, true);
    snapshot.deadLetters().ifPresent(dlq -> {
      dlqDepth = dlq.retained();
      dlqRate = dlq.recordsPerSecond();
    });
  }
}
