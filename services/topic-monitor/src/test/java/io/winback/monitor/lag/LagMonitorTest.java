package io.winback.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.winback.monitor.lag.OldestRecordLookup.Oldest;
import io.winback.monitor.lag.OldestRecordLookup.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The monitor's cycle on a scripted cluster: lag, time lag, rates, status and an unreachable broker. */
class LagMonitorTest {

  private static final String TOPIC = "billing.cancellations.v1";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private long now = 1_700_000_000_000L;
  private ClusterReading next;
  private RuntimeException failure;
  private Function<Request, Oldest> oldest = request -> Oldest.UNKNOWN;
  private final List<Collection<Request>> lookups = new ArrayList<>();

  private final LagMonitor monitor = new LagMonitor(
      () -> {
        if (failure != null) {
          throw failure;
        }
        return next;
      },
      requests -> {
        lookups.add(List.copyOf(requests));
        Map<Request, Oldest> answers = new HashMap<>();
        requests.forEach(request -> answers.put(request, oldest.apply(request)));
        return answers;
      },
      new LagEvaluator(10),
      new LinkedHashMap<>(Map.of(TOPIC, "cancellations")),
      "winback.dlq.v1",
      Duration.ofSeconds(30),
      new History(720, Duration.ofHours(1).toMillis()),
      Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void lagInRecordsAndInTimeComeFromTheCommittedOffsetAndTheOldestUnconsumedRecord() {
    oldest = request -> Oldest.found(now - 7_000);
    next = reading(Map.of(P0, 10L, P1, 5L), Map.of(P0, 4L, P1, 5L), 1);

    MonitorSnapshot snapshot = monitor.sample();

    GroupTopicLag lag = snapshot.group("g").orElseThrow().topic(TOPIC).orElseThrow();
    assertThat(lag.partitions()).extracting(PartitionLag::partition, PartitionLag::committedOffset,
        PartitionLag::endOffset, PartitionLag::lagRecords)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 4L, 10L, 6L),
            org.assertj.core.groups.Tuple.tuple(1, 5L, 5L, 0L));
    assertThat(lag.partitions().get(0).lagSeconds()).isCloseTo(7.0, within(1e-9));
    assertThat(lag.partitions().get(1).lagSeconds()).isZero();
    assertThat(lag.lagRecords()).isEqualTo(6);
    // Only the partition with a lag was looked up, from its committed offset to its end.
    assertThat(lookups).containsExactly(List.of(new Request(P0, 4, 10)));
  }

  @Test
  void theLookupStartsAtTheLogStartWhenRetentionRemovedTheCommittedPosition() {
    next = new ClusterReading(now, Map.of(TOPIC, 1), Map.of(P0, 50L), Map.of(P0, 80L),
        List.of(new ClusterReading.GroupOffsets("g", "EMPTY", 0, Map.of(P0, 20L))));

    MonitorSnapshot snapshot = monitor.sample();

    assertThat(lookups).containsExactly(List.of(new Request(P0, 50, 80)));
    // Kafka counts the lag from the committed offset, deleted records included; so do we.
    assertThat(snapshot.group("g").orElseThrow().lagRecords()).isEqualTo(60);
  }

  @Test
  void recordsPerSecondComeFromTheEndOffsetsOfSuccessiveSamples() {
    next = reading(Map.of(P0, 10L, P1, 5L), Map.of(), 1);
    assertThat(monitor.sample().topic(TOPIC).orElseThrow().recordsPerSecond()).isZero();

    now += 5_000;
    next = reading(Map.of(P0, 40L, P1, 25L), Map.of(), 1);
    TopicView topic = monitor.sample().topic(TOPIC).orElseThrow();

    assertThat(topic.recordsPerSecond()).isCloseTo(10.0, within(1e-9));
    assertThat(topic.endOffset()).isEqualTo(65);
    assertThat(monitor.history().topic(TOPIC)).hasSize(2);
  }

  @Test
  void aGroupThatMakesNoProgressWhileRecordsWaitStallsOnceTheWindowIsFull() {
    oldest = request -> Oldest.found(now - 1_000);
    for (int i = 0; i < 9; i++) {
      next = reading(Map.of(P0, 100L + i, P1, 0L), Map.of(P0, 90L), 1);
      assertThat(monitor.sample().group("g").orElseThrow().status()).isEqualTo(ConsumerStatus.OK);
      now += 5_000;
    }
    next = reading(Map.of(P0, 120L, P1, 0L), Map.of(P0, 90L), 1);

    GroupView group = monitor.sample().group("g").orElseThrow();

    assertThat(group.status()).isEqualTo(ConsumerStatus.STALL);
    assertThat(group.growing()).isTrue();
  }

  @Test
  void aLagMadeOfTransactionMarkersOnlyNeverAlarms() {
    oldest = request -> Oldest.NONE;
    GroupView group = null;
    for (int i = 0; i < 12; i++) {
      next = reading(Map.of(P0, 31L, P1, 0L), Map.of(P0, 30L), 1);
      group = monitor.sample().group("g").orElseThrow();
      now += 5_000;
    }

    assertThat(group.status()).isEqualTo(ConsumerStatus.OK);
    assertThat(group.lagRecords()).isEqualTo(1); // still reported, as Kafka's tools report it
    assertThat(group.lagSeconds()).isZero();
  }

  @Test
  void anUnreachableBrokerKeepsTheLastFiguresAndSaysSo() {
    next = reading(Map.of(P0, 10L, P1, 0L), Map.of(P0, 10L), 1);
    monitor.sample();

    failure = new IllegalStateException("the broker did not answer within 5000 ms");
    MonitorSnapshot snapshot = monitor.sample();

    assertThat(snapshot.reachable()).isFalse();
    assertThat(snapshot.error()).contains("did not answer");
    assertThat(snapshot.group("g")).isPresent();
  }

  @Test
  void listenersGetEverySnapshot() {
    List<MonitorSnapshot> seen = new ArrayList<>();
    monitor.addListener(seen::add);
    next = reading(Map.of(P0, 1L, P1, 1L), Map.of(), 1);

    monitor.sample();

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).topic(TOPIC).orElseThrow().exists()).isTrue();
  }

  @Test
  void aCatalogueTopicThatDoesNotExistYetIsShownAsMissing() {
    next = new ClusterReading(now, Map.of(), Map.of(), Map.of(), List.of());

    TopicView topic = monitor.sample().topic(TOPIC).orElseThrow();

    assertThat(topic.exists()).isFalse();
    assertThat(topic.partitions()).isZero();
  }

  private ClusterReading reading(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, int members) {
    Map<TopicPartition, Long> starts = new HashMap<>();
    ends.keySet().forEach(partition -> starts.put(partition, 0L));
    List<ClusterReading.GroupOffsets> groups = committed.isEmpty() ? List.of()
        : List.of(new ClusterReading.GroupOffsets("g", "STABLE", members, committed));
    return new ClusterReading(now, Map.of(TOPIC, 2), starts, ends, groups);
  }
}
