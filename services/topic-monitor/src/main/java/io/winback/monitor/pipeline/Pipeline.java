package io.winback.monitor.pipeline;

import io.winback.monitor.lag.GroupView;
import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.lag.TopicView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the pipeline overview from a snapshot: topic stages show what is written to them,
 * service stages how their consumer group keeps up and whether the service answers.
 *
 * @param cancellations the topic billing writes to
 * @param tasks the topics the processor writes tasks to
 * @param feedback the topic outcomes go to
 * @param processorGroup the processor's consumer group (its Kafka Streams application id)
 * @param deskGroup the desk's consumer group
 * @param processorService / deskService names in {@code winback.monitor.services}
 */
public record Pipeline(
    String cancellations,
    List<String> tasks,
    String feedback,
    String processorGroup,
    String processorService,
    String deskGroup,
    String deskService) {

  public List<Stage> stages(MonitorSnapshot snapshot, Map<String, ServiceHealth> services) {
    return List.of(
        topicStage("billing", snapshot, List.of(cancellations)),
        serviceStage("processor", snapshot, processorGroup, services.get(processorService)),
        topicStage("tasks", snapshot, tasks),
        serviceStage("desk", snapshot, deskGroup, services.get(deskService)),
        topicStage("feedback", snapshot, List.of(feedback)));
  }

  private static Stage topicStage(String name, MonitorSnapshot snapshot, List<String> topics) {
    List<TopicView> views = topics.stream().map(snapshot::topic).flatMap(Optional::stream).toList();
    double rate = views.stream().mapToDouble(TopicView::recordsPerSecond).sum();
    long missing = views.stream().filter(view -> !view.exists()).count() + (topics.size() - views.size());
    StageHealth health;
    String detail;
    if (!snapshot.reachable()) {
      health = StageHealth.UNKNOWN;
      detail = "Kafka not reachable";
    } else if (missing > 0) {
      health = StageHealth.WARN;
      detail = missing + " of " + topics.size() + " topic(s) not created yet";
    } else {
      health = StageHealth.OK;
      detail = String.join(", ", topics) + ": " + views.stream().mapToLong(TopicView::endOffset).sum() + " records";
    }
    return new Stage(name, "topic", health, rate, detail, null, 0, 0, null);
  }

  private static Stage serviceStage(String name, MonitorSnapshot snapshot, String groupId, ServiceHealth service) {
    Optional<GroupView> group = snapshot.group(groupId);
    StageHealth health;
    String detail;
    if (!snapshot.reachable()) {
      health = StageHealth.UNKNOWN;
      detail = "Kafka not reachable";
    } else if (group.isEmpty()) {
      health = StageHealth.UNKNOWN;
      detail = "group " + groupId + " has committed no offsets yet";
    } else {
      health = StageHealth.of(group.get().status());
      detail = "group " + groupId + " " + group.get().status() + ", " + group.get().state().toLowerCase()
          + (group.get().members() >= 0 ? ", " + group.get().members() + " member(s)" : "");
    }
    // The service's own health is in the stage's service field; it only darkens the verdict here.
    if (service != null && service.checkedAt() > 0 && !service.up()) {
      health = health.worst(StageHealth.ERROR);
    }
    return new Stage(name, "service", health,
        group.map(GroupView::recordsPerSecond).orElse(0.0), detail,
        group.map(view -> view.status().name()).orElse(null),
        group.map(GroupView::lagRecords).orElse(0L),
        group.map(GroupView::lagSeconds).orElse(0.0),
        service);
  }
}
