package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  @Test
  void theFirstBatchIsNotCreditedToTheInterval() {
    // 1,000 in the first committed batch, 10,000 more over the next two seconds.
    assertThat(Throughput.perSecond(11_000, 1_000, 5_000_000_000L, 7_000_000_000L)).isEqualTo(5_000.0);
  }

  @Test
  void aSingleBatchSaysNothing() {
    assertThat(Throughput.perSecond(500, 500, 1_000, 1_000)).isZero();
    assertThat(Throughput.perSecond(0, 0, -1, -1)).isZero();
  }

  @Test
  void sustainedLeavesOutTheFirstFifthOfTheRecords() {
    // A slow start (JIT warm-up), then 1,000 records every 100 ms.
    List<long[]> marks = List.of(
        new long[] {0, 100}, new long[] {1_000_000_000L, 500}, new long[] {2_000_000_000L, 2_000},
        new long[] {2_100_000_000L, 3_000}, new long[] {2_200_000_000L, 4_000}, new long[] {2_300_000_000L, 5_000},
        new long[] {2_400_000_000L, 6_000}, new long[] {2_500_000_000L, 7_000}, new long[] {2_600_000_000L, 8_000},
        new long[] {2_700_000_000L, 9_000}, new long[] {2_800_000_000L, 10_000}, new long[] {9_000_000_000L, 10_100});

    // From the first mark at 2,000 (20 % of 10,000) to the first at 10,000: 8,000 in 0.8 s.
    assertThat(Throughput.sustained(marks, 10_000)).isEqualTo(10_000.0);
    // Later records (another phase) do not count.
    assertThat(Throughput.sustained(marks, 10_000)).isEqualTo(Throughput.sustained(marks.subList(0, 11), 10_000));
  }

  @Test
  void sustainedNeedsTwoDifferentMarks() {
    assertThat(Throughput.sustained(List.of(new long[] {5, 100}), 100)).isZero();
    assertThat(Throughput.sustained(List.of(new long[] {5, 10}), 100)).isZero();
  }
}
