package io.winback.processor.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The changelogs' compaction settings follow from the erasure deadline and keep an old value's life within it. */
class ChangelogCompactionTest {

  @Test
  void aDayLongDeadlineGivesSixHourSegmentsAndLagAndARollEveryThreeHours() {
    ChangelogCompaction compaction = new ChangelogCompaction(Duration.ofHours(24));

    assertThat(compaction.streamsConfig()).isEqualTo(Map.of(
        "topic.segment.ms", "21600000",
        "topic.max.compaction.lag.ms", "21600000",
        "topic.delete.retention.ms", "21600000",
        "topic.file.delete.delay.ms", "60000",
        "topic.min.cleanable.dirty.ratio", "0.1"));
    assertThat(compaction.rollInterval()).isEqualTo(Duration.ofHours(3));
    assertThat(compaction.bound()).isEqualTo(Duration.ofHours(9).plusMinutes(1));
  }

  @Test
  void theBoundLeavesMostOfTheDeadlineToTheLogCleanerWhateverTheDeadline() {
    for (Duration deadline : List.of(Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofHours(24),
        Duration.ofDays(30))) {
      ChangelogCompaction compaction = new ChangelogCompaction(deadline);
      assertThat(compaction.bound()).as("bound for %s", deadline).isLessThanOrEqualTo(deadline.dividedBy(2));
      assertThat(compaction.maxCompactionLag()).isLessThanOrEqualTo(compaction.segment());
      assertThat(compaction.rollInterval()).isLessThan(compaction.segment());
    }
  }

  @Test
  void aShortDeadlineOfATestShortensTheFileDeleteDelayToo() {
    assertThat(new ChangelogCompaction(Duration.ofMinutes(2)).fileDeleteDelay()).isEqualTo(Duration.ofMillis(7500));
  }
}
