package io.winback.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

  private static ChaosSettings settings(int cancellations, long seed, int poison, int kills) {
    return new ChaosSettings(cancellations, seed, 200, poison, kills, Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  private final ChaosPlan plan = new ChaosPlan(settings(100_000, 14, 1_000, 3));

  @Test
  void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
    ChaosPlan again = new ChaosPlan(settings(100_000, 14, 1_000, 3));
    ChaosPlan other = new ChaosPlan(settings(100_000, 15, 1_000, 3));

    assertThat(again.faults()).isEqualTo(plan.faults());
    assertThat(again.poison()).isEqualTo(plan.poison());
    for (int i = 0; i < plan.cancellations(); i += 997) {
      assertThat(again.treatment(i)).isEqualTo(plan.treatment(i));
      assertThat(again.delay(i)).isEqualTo(plan.delay(i));
    }
    assertThat(other.faults()).isNotEqualTo(plan.faults());
  }

  @Test
  void theTreatmentsHaveTheSharesTheIssueAsksFor() {
    assertThat(plan.count(Treatment.DUPLICATED)).isBetween(900L, 1_100L);
    assertThat(plan.count(Treatment.LATE_CRM)).isBetween(4_700L, 5_300L);
    assertThat(plan.count(Treatment.CONSENT_WITHDRAWN)).isBetween(1_850L, 2_150L);
    assertThat(plan.count(Treatment.CANCELLATION_WITHDRAWN)).isBetween(900L, 1_100L);
  }

  @Test
  void lateCrmDataArrivesWellInsideTheProcessorsDataGrace() {
    for (int i = 0; i < plan.cancellations(); i++) {
      if (plan.treatment(i) == Treatment.LATE_CRM) {
        assertThat(plan.delay(i)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void eachProcessorIsKilledAsOftenAsAskedAndEveryOtherFaultHappensOnce() {
    Map<String, Long> faults = plan.faults().stream()
        .collect(Collectors.groupingBy(fault -> fault.kind() + "/" + fault.target(), Collectors.counting()));

    assertThat(faults).containsOnly(Map.entry("KILL_PROCESSOR/0", 3L), Map.entry("KILL_PROCESSOR/1", 3L),
        Map.entry("RESTART_BROKER/0", 1L), Map.entry("KILL_BROKER/0", 1L), Map.entry("SMTP_OUTAGE/0", 1L),
        Map.entry("RESTART_POSTGRES/0", 1L));
  }

  @Test
  void faultsFallInsideTheFeedInScheduleOrder() {
    List<Integer> at = plan.faults().stream().map(Fault::atCancellation).toList();

    assertThat(at).isSorted().allSatisfy(index -> assertThat(index).isBetween(5_000, 85_000));
  }

  @Test
  void thePoisonGoesOnTheThreeInputsInTheThreeKinds() {
    Map<String, Long> pairs = plan.poison().stream()
        .collect(Collectors.groupingBy(p -> p.topic().name() + "/" + p.kind(), Collectors.counting()));

    assertThat(plan.poison()).hasSize(1_000);
    assertThat(pairs).hasSize(9).allSatisfy((pair, count) -> assertThat(count).isBetween(111L, 112L));
    assertThat(plan.poison()).extracting(Poison::topic).containsOnlyElementsOf(Topics.INPUTS);
    assertThat(plan.poison()).extracting(Poison::afterCancellation).isSorted();
    assertThat(plan.poison()).extracting(Poison::key).allMatch(key -> key.startsWith("POISON-"));
  }

  @Test
  void aSmallRunStillHasEveryKindOfFault() {
    ChaosPlan small = new ChaosPlan(settings(3_000, 7, 60, 1));

    assertThat(small.faults()).extracting(Fault::kind).containsExactlyInAnyOrder(Fault.Kind.KILL_PROCESSOR,
        Fault.Kind.KILL_PROCESSOR, Fault.Kind.RESTART_BROKER, Fault.Kind.KILL_BROKER, Fault.Kind.SMTP_OUTAGE,
        Fault.Kind.RESTART_POSTGRES);
    assertThat(small.poison()).hasSize(60);
  }
}
