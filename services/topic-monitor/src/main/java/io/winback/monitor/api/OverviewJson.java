package io.winback.monitor.api;

import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.lag.TopicView;
import io.winback.monitor.pipeline.Stage;
import java.util.List;

/** The pipeline's stages, the topics and the dead-letter depth, as on the overview page. */
public record OverviewJson(String sampledAt, boolean reachable, String error, List<Stage> stages, List<Topic> topics,
    DeadLetters deadLetters) {

  public record Topic(String topic, boolean exists, int partitions, long endOffset, long retained,
      double recordsPerSecond, List<TopicView.PartitionOffsets> offsets) {}

  public record DeadLetters(String topic, long depth, double recordsPerSecond) {}

  static OverviewJson of(MonitorSnapshot snapshot, List<Stage> stages) {
    List<Topic> topics = snapshot.topics().stream().map(view -> new Topic(view.name(), view.exists(),
        view.partitions(), view.endOffset(), view.retained(), view.recordsPerSecond(), view.offsets())).toList();
    DeadLetters deadLetters = snapshot.deadLetters()
        .map(dlq -> new DeadLetters(dlq.name(), dlq.retained(), dlq.recordsPerSecond()))
        .orElse(new DeadLetters(snapshot.deadLetterTopic(), 0, 0));
    return new OverviewJson(LagJson.instant(snapshot.sampledAt()), snapshot.reachable(), snapshot.error(), stages,
        topics, deadLetters);
  }
}
