package io.winback.deploy;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What each service does with Kafka, as its code does it: the topics it reads and writes, its
 * group, and the prefixes of Kafka Streams' internal topics and transactional ids. The KafkaUser
 * of a service must grant all of it and nothing that writes anywhere else.
 */
record KafkaAccess(
    String service,
    Set<String> reads,
    Set<String> writes,
    String group,
    Set<String> describedGroups,
    String internalTopicPrefix,
    String transactionalIdPrefix,
    String describedTopicPrefix) {

  static final String PROCESSOR_APPLICATION_ID = "winback-churn-processor";
  /** Kafka Streams names its repartition and changelog topics, and its transactional ids, so. */
  static final String PROCESSOR_PREFIX = PROCESSOR_APPLICATION_ID + "-";
  /** Groups the topic monitor may describe (lag, state): every Winback group. */
  static final String GROUP_PREFIX = "winback-";

  static final Map<String, KafkaAccess> BY_SERVICE = Stream.of(
      new KafkaAccess("churn-processor",
          names(Topics.CANCELLATIONS, Topics.RELATIONSHIPS, Topics.FEEDBACK, Topics.CASES, Topics.KEYS),
          names(Topics.TASKS_WRITTEN, Topics.TASKS_PHONE, Topics.TASKS_IN_PERSON, Topics.CASES, Topics.DEAD_LETTERS,
              Topics.KEYS),
          PROCESSOR_APPLICATION_ID, Set.of(), PROCESSOR_PREFIX, PROCESSOR_PREFIX, null),
      new KafkaAccess("outreach-desk",
          names(Topics.TASKS_WRITTEN, Topics.TASKS_PHONE, Topics.TASKS_IN_PERSON, Topics.CASES, Topics.RELATIONSHIPS,
              Topics.KEYS),
          names(Topics.FEEDBACK, Topics.DEAD_LETTERS),
          "winback-outreach-desk", Set.of(), null, null, null),
      new KafkaAccess("topic-monitor",
          Set.copyOf(Topics.names()),
          // Redrive: a dead letter goes back to the topic it came from, only the inputs come back, and
          // each redrive writes its audit record in the same transaction.
          names(Topics.CANCELLATIONS, Topics.RELATIONSHIPS, Topics.FEEDBACK, Topics.REDRIVE_AUDIT),
          "winback-topic-monitor", Set.of("winback-churn-processor", "winback-outreach-desk"), null,
          "topic-monitor-redrive", PROCESSOR_PREFIX))
      .collect(Collectors.toUnmodifiableMap(KafkaAccess::service, access -> access));

  static KafkaAccess of(String service) {
    KafkaAccess access = BY_SERVICE.get(service);
    if (access == null) {
      throw new AssertionError("no Kafka access list for service " + service
          + ": add what it reads and writes to KafkaAccess, and a KafkaUser to deploy/k8s/base/kafka/users.yaml");
    }
    return access;
  }

  /** Every group name a service's ACLs may mention: its own and, for the monitor, the ones it describes. */
  Set<String> knownGroups() {
    return Stream.concat(Stream.of(group), describedGroups.stream()).collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> names(TopicSpec<?, ?>... topics) {
    return Stream.of(topics).map(TopicSpec::name).collect(Collectors.toUnmodifiableSet());
  }

  static List<String> catalogue() {
    return Topics.names();
  }
}
