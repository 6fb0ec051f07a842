package io.winback.monitor.lag;

import java.util.List;
import java.util.Optional;

/**
 * Everything one sample found, immutable, for the pages, the API and the metrics.
 *
 * @param sampledAt when the data was read, epoch ms; 0 before the first successful sample
 * @param attemptedAt when the latest attempt ran
 * @param reachable whether the latest attempt reached the broker; if not, the data is the last
 *     that could be read and {@code error} says why
 */
public record MonitorSnapshot(
    long sampledAt,
    long attemptedAt,
    boolean reachable,
    String error,
    String deadLetterTopic,
    List<TopicView> topics,
    List<GroupView> groups) {

  public static MonitorSnapshot initial(String deadLetterTopic) {
    return new MonitorSnapshot(0, 0, false, "not sampled yet", deadLetterTopic, List.of(), List.of());
  }

  public MonitorSnapshot unreachable(long attempted, String why) {
    return new MonitorSnapshot(sampledAt, attempted, false, why, deadLetterTopic, topics, groups);
  }

  public Optional<TopicView> topic(String name) {
    return topics.stream().filter(topic -> topic.name().equals(name)).findFirst();
  }

  public Optional<GroupView> group(String id) {
    return groups.stream().filter(group -> group.group().equals(id)).findFirst();
  }

  public Optional<TopicView> deadLetters() {
    return topic(deadLetterTopic);
  }
}
