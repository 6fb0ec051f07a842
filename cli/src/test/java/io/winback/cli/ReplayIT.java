package io.winback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.cli.replay.ReplayFixtures;
import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winback replay} on a real broker: customers who differ only in their tenure, replayed with
 * {@code --set winback.policy.long-standing-years=3}; and the broker is exactly as it was before.
 */
@KafkaIntegrationTest
class ReplayIT {

  @TempDir
  Path dir;

  private final String bootstrap = KafkaTestBroker.bootstrapServers();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void topics() throws Exception {
    try (Admin admin = KafkaTestBroker.get().admin()) {
      TopicProvisioner.ensure(admin, List.of(Topics.CANCELLATIONS, Topics.RELATIONSHIPS, Topics.FEEDBACK));
    }
  }

  @Test
  void exactlyTheCustomersWithThreeToFiveYearsMoveToAVisitAndNothingIsWritten() throws Exception {
    // Records of the other tests on this shared broker were published before the period replay looks at.
    Instant periodStart = Instant.now().plusMillis(500);
    Thread.sleep(1_500);
    Instant cancelledAt = Instant.now().minus(Duration.ofHours(1));
    List<ProducerRecord<String, CustomerRelationship>> crm = new ArrayList<>();
    List<ProducerRecord<String, CancellationEvent>> cancellations = new ArrayList<>();
    for (int years = 1; years <= 8; years++) {
      String customerId = customer(years + "y");
      crm.add(record(Topics.RELATIONSHIPS, customerId, ReplayFixtures.customer(customerId, years, cancelledAt)));
      cancellations.add(record(Topics.CANCELLATIONS, customerId,
          ReplayFixtures.cancellation("E-" + customerId, customerId, cancelledAt)));
    }
    String erased = customer("erased");
    crm.add(record(Topics.RELATIONSHIPS, erased, ReplayFixtures.customer(erased, 4, cancelledAt)));
    crm.add(record(Topics.RELATIONSHIPS, erased, null));
    // Erased for good: the processor refuses a record that follows the tombstone, and so does replay.
    crm.add(record(Topics.RELATIONSHIPS, erased, ReplayFixtures.customer(erased, 4, cancelledAt)));
    cancellations.add(record(Topics.CANCELLATIONS, erased, ReplayFixtures.cancellation("E-" + erased, erased,
        cancelledAt)));
    String unknown = customer("no-crm");
    cancellations.add(record(Topics.CANCELLATIONS, unknown, ReplayFixtures.cancellation("E-" + unknown, unknown,
        cancelledAt)));
    String fourYears = customer("4y");
    cancellations.add(record(Topics.CANCELLATIONS, fourYears,
        ReplayFixtures.withdrawal("W-" + fourYears, fourYears, cancelledAt.plusSeconds(60))));
    // A 4-year customer's earlier cancellation, published before the period: not replayed.
    String before = customer("4y-before");
    crm.add(record(Topics.RELATIONSHIPS, before, ReplayFixtures.customer(before, 4, cancelledAt)));
    cancellations.add(new ProducerRecord<>(Topics.CANCELLATIONS.name(), null,
        periodStart.minus(Duration.ofDays(1)).toEpochMilli(), before,
        ReplayFixtures.cancellation("E-" + before, before, cancelledAt)));
    // A 4-year customer who told an agent, in an earlier case, not to contact them again.
    String declined = customer("4y-declined");
    crm.add(record(Topics.RELATIONSHIPS, declined, ReplayFixtures.customer(declined, 4, cancelledAt)));
    cancellations.add(record(Topics.CANCELLATIONS, declined, ReplayFixtures.cancellation("E-" + declined, declined,
        cancelledAt)));
    List<ProducerRecord<String, OutreachFeedback>> feedback = List.of(new ProducerRecord<>(Topics.FEEDBACK.name(),
        null, periodStart.minus(Duration.ofDays(20)).toEpochMilli(), declined, doNotContact(declined)));
    BrokerState empty = BrokerState.read();
    send(Topics.RELATIONSHIPS, crm);
    send(Topics.FEEDBACK, feedback);
    send(Topics.CANCELLATIONS, cancellations);

    BrokerState untouched = BrokerState.read();
    assertThat(untouched).as("the probe sees what a test writes").isNotEqualTo(empty);
    Path csv = dir.resolve("changed.csv");
    CliRun replay = CliRun.of(bootstrap, "replay", "--since", Duration.between(periodStart, Instant.now()).toMillis()
        + "ms", "--set", "winback.policy.long-standing-years=3", "--csv", csv.toString());

    assertThat(replay.exitCode()).as(replay.err()).isZero();
    List<String> lines = replay.outLines();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("replay: cancellations=9 changed=2 "
        + "before=EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:4,IN_PERSON:4,SUPPRESSED:1 "
        + "after=EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:2,IN_PERSON:6,SUPPRESSED:1");
    assertThat(lines).contains("after:  long-standing-years: 5 -> 3",
        "skipped: 1 withdrawal(s): they close a case, they open none",
        "skipped: 1 of erased customer(s): the CRM published a tombstone for them",
        "skipped: 1 of customer(s) without CRM data: the processor waits for it and contacts nobody",
        "  PHONE/FEEDBACK -> IN_PERSON/WIN_BACK: 2");
    assertThat(lines).anySatisfy(line -> assertThat(line).matches("suppress\\.do-not-contact-recorded +1 +1 +0"));
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows).hasSize(3);
    assertThat(rows.subList(1, 3)).extracting(row -> row.split(",")[0], row -> row.split(",")[2],
            row -> row.split(",")[5])
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(customer("3y"), "PHONE", "IN_PERSON"),
            org.assertj.core.groups.Tuple.tuple(customer("4y"), "PHONE", "IN_PERSON"));

    assertThat(BrokerState.read()).isEqualTo(untouched);
  }

  @Test
  void anUnknownSettingIsAUsageErrorBeforeAnythingIsRead() {
    CliRun replay = CliRun.of(bootstrap, "replay", "--set", "long-standing-yeers=3");

    assertThat(replay.exitCode()).isEqualTo(2);
    assertThat(replay.err()).contains("winback replay: unknown setting winback.policy.long-standing-yeers"
        + " (--set long-standing-yeers=3)");
    assertThat(replay.out()).isEmpty();
  }

  /** Every topic (internal ones too) with the end offset of each partition, and every group. */
  private record BrokerState(Map<String, Long> endOffsets, Set<String> groups) {

    static BrokerState read() throws Exception {
      try (Admin admin = KafkaTestBroker.get().admin()) {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
            .get(30, TimeUnit.SECONDS);
        Collection<TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS)
            .values();
        Map<TopicPartition, OffsetSpec> latest = topics.stream()
            .flatMap(topic -> topic.partitions().stream().map(info -> new TopicPartition(topic.name(), info.partition())))
            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<String, Long> ends = new TreeMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
            .forEach((partition, info) -> ends.put(partition.toString(), info.offset()));
        Set<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
            .map(GroupListing::groupId).collect(Collectors.toCollection(TreeSet::new));
        return new BrokerState(ends, groups);
      }
    }
  }

  private static OutreachFeedback doNotContact(String customerId) {
    return OutreachFeedback.newBuilder()
        .setFeedbackId("F-" + customerId)
        .setTaskId("T-" + customerId)
        .setCaseId("case-earlier-" + customerId)
        .setCustomerId(customerId)
        .setChannel(Channel.PHONE)
        .setOutcome(Outcome.DO_NOT_CONTACT)
        .setRecordedBy("agent")
        .setRecordedAt(Instant.now().minus(Duration.ofDays(20)))
        .build();
  }

  private String customer(String suffix) {
    return "R-" + run + "-" + suffix;
  }

  private static <V> ProducerRecord<String, V> record(TopicSpec<String, V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), key, value);
  }

  private void send(TopicSpec<String, ?> topic, List<? extends ProducerRecord<String, ?>> records) {
    @SuppressWarnings("unchecked")
    TopicSpec<String, Object> any = (TopicSpec<String, Object>) topic;
    @SuppressWarnings("unchecked")
    List<ProducerRecord<String, Object>> all = (List<ProducerRecord<String, Object>>) records;
    Serializer<Object> values = any.valueSerde().serializer();
    TestProducers.sendAll(bootstrap, any.keySerde().serializer(), values, all);
  }
}
