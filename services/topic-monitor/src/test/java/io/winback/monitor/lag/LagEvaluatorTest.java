package io.winback.monitor.lag;

import static io.winback.monitor.lag.Windows.constant;
import static io.winback.monitor.lag.Windows.live;
import static io.winback.monitor.lag.Windows.memberless;
import static io.winback.monitor.lag.Windows.plus;
import static io.winback.monitor.lag.Windows.rising;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of the Burrow-style evaluator, on crafted windows of 10 samples. */
class LagEvaluatorTest {

  private final LagEvaluator evaluator = new LagEvaluator(10);

  @Nested
  class Ok {

    @Test
    void anIdleTopicWithACaughtUpGroupIsOk() {
      Evaluation evaluation = evaluator.evaluate(live(constant(500, 10), constant(500, 10)));

      assertThat(evaluation.status()).isEqualTo(ConsumerStatus.OK);
      assertThat(evaluation.growing()).isFalse();
      assertThat(evaluation.reason()).isEqualTo("caught up");
    }

    @Test
    void anIdleTopicIsOkEvenWhenItsGroupHasNoMembers() {
      // Nothing to read, nobody reading: not a stopped consumer, just a quiet one.
      assertThat(evaluator.evaluate(memberless(constant(42, 10), constant(42, 10))).status())
          .isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void aBurstThatDrainsToZeroIsOk() {
      long[] committed = {100, 100, 100, 130, 200, 260, 300, 300, 300, 300};
      long[] end = {100, 100, 150, 250, 280, 290, 300, 300, 300, 300};

      assertThat(evaluator.evaluate(live(committed, end)).status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void aBurstThatIsStillDrainingIsOkBecauseTheLagFalls() {
      long[] committed = {0, 10, 40, 90, 150, 210, 260, 300, 330, 350};
      long[] lag = {5, 60, 120, 100, 80, 60, 40, 30, 20, 10};

      assertThat(evaluator.evaluate(live(committed, plus(committed, lag))).status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void aBurstArrivingAtAnIdleGroupIsNotAStall() {
      // The group had nothing to do, so its committed offset stood still; then a burst arrives.
      long[] committed = constant(700, 10);
      long[] end = {700, 700, 700, 700, 700, 700, 700, 700, 750, 900};

      Evaluation evaluation = evaluator.evaluate(live(committed, end));

      assertThat(evaluation.status()).isEqualTo(ConsumerStatus.OK);
      assertThat(evaluation.reason()).isEqualTo("lag was zero within the window");
      assertThat(evaluation.growing()).as("a burst, not a growing lag").isFalse();
    }

    @Test
    void aNewRecordForAStoppedButCaughtUpGroupIsNotAStopYet() {
      // Burrow's fix for slow partitions: a lag of zero earlier in the window means the group may
      // simply not have seen the record yet.
      long[] end = {9, 9, 9, 9, 9, 9, 9, 9, 9, 10};

      assertThat(evaluator.evaluate(memberless(constant(9, 10), end)).status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void aSteadyLagOfAConsumerThatKeepsPaceIsOk() {
      // Burrow would WARN on a lag that merely does not fall; a constant lag is not a growing one.
      long[] committed = rising(1_000, 50, 10);

      Evaluation evaluation = evaluator.evaluate(live(committed, plus(committed, constant(25, 10))));

      assertThat(evaluation.status()).isEqualTo(ConsumerStatus.OK);
      assertThat(evaluation.growing()).isFalse();
    }

    @Test
    void onlyTransactionMarkersLeftIsNotABacklog() {
      // A consumer committed right after the last record of a transaction; the marker stays "lag".
      List<OffsetSample> window = Windows.of(constant(99, 10), constant(100, 10), false, true);

      Evaluation evaluation = evaluator.evaluate(window);

      assertThat(evaluation.status()).isEqualTo(ConsumerStatus.OK);
      assertThat(evaluation.reason()).isEqualTo("only transaction markers left to read");
      assertThat(window.get(9).lag()).isEqualTo(1);
    }

    @Test
    void anIncompleteWindowIsNotEnoughToAccuseAnyone() {
      Evaluation evaluation = evaluator.evaluate(live(constant(10, 4), rising(20, 10, 4)));

      assertThat(evaluation.status()).isEqualTo(ConsumerStatus.OK);
      assertThat(evaluation.reason()).contains("4 of 10");
      assertThat(evaluation.growing()).isTrue();
    }

    @Test
    void noSamplesIsOk() {
      assertThat(evaluator.evaluate(List.of()).status()).isEqualTo(ConsumerStatus.OK);
    }

    @Test
    void onlyTheNewestWindowCounts() {
      // Fifteen samples: the first five show a stall, the newest ten a consumer that caught up.
      List<OffsetSample> samples = new ArrayList<>(live(constant(0, 5), constant(50, 5)));
      samples.addAll(live(rising(10, 10, 10), plus(rising(10, 10, 10), 40, 30, 20, 10, 0, 0, 0, 0, 0, 0)));

      assertThat(evaluator.evaluate(samples).status()).isEqualTo(ConsumerStatus.OK);
    }
  }

  @Test
  void warnsWhenTheConsumerProgressesButTheLagGrowsOverTheWholeWindow() {
    long[] committed = rising(0, 10, 10);
    long[] lag = {5, 5, 8, 12, 12, 15, 20, 26, 30, 41};

    Evaluation evaluation = evaluator.evaluate(live(committed, plus(committed, lag)));

    assertThat(evaluation.status()).isEqualTo(ConsumerStatus.WARN);
    assertThat(evaluation.growing()).isTrue();
  }

  @Test
  void oneDipInTheLagIsEnoughNotToWarn() {
    long[] committed = rising(0, 10, 10);
    long[] lag = {5, 6, 8, 12, 11, 15, 20, 26, 30, 41};

    Evaluation evaluation = evaluator.evaluate(live(committed, plus(committed, lag)));

    assertThat(evaluation.status()).isEqualTo(ConsumerStatus.OK);
    assertThat(evaluation.growing()).isFalse();
  }

  @Test
  void stallsWhenMembersAreConnectedButTheCommittedOffsetStandsStillWhileRecordsWait() {
    Evaluation evaluation = evaluator.evaluate(live(constant(100, 10), rising(110, 5, 10)));

    assertThat(evaluation.status()).isEqualTo(ConsumerStatus.STALL);
    assertThat(evaluation.growing()).isTrue();
  }

  @Test
  void stallsAlsoWhenNothingNewArrivesButTheBacklogIsNotWorkedOff() {
    Evaluation evaluation = evaluator.evaluate(live(constant(100, 10), constant(160, 10)));

    assertThat(evaluation.status()).isEqualTo(ConsumerStatus.STALL);
    assertThat(evaluation.growing()).isFalse();
  }

  @Test
  void stopsWhenTheGroupHasNoMemberAndNoProgressWhileRecordsWait() {
    Evaluation evaluation = evaluator.evaluate(memberless(constant(100, 10), rising(120, 3, 10)));

    assertThat(evaluation.status()).isEqualTo(ConsumerStatus.STOP);
  }

  @Test
  void aGroupThatJustLeftIsNotStoppedWhileItsLastCommitsAreInTheWindow() {
    // It committed during the window and then went away: lag grows, so WARN, not yet STOP.
    long[] committed = {10, 20, 30, 40, 50, 50, 50, 50, 50, 50};
    long[] end = {15, 25, 35, 45, 55, 60, 65, 70, 75, 80};

    assertThat(evaluator.evaluate(memberless(committed, end)).status()).isEqualTo(ConsumerStatus.WARN);
  }

  @Test
  void rewindsWhenTheCommittedOffsetGoesBack() {
    long[] committed = {100, 110, 120, 20, 30, 40, 50, 60, 70, 80};
    long[] end = constant(200, 10);

    assertThat(evaluator.evaluate(live(committed, end)).status()).isEqualTo(ConsumerStatus.REWIND);
  }

  @Test
  void theWorstStatusWins() {
    assertThat(ConsumerStatus.worst(List.of(ConsumerStatus.OK, ConsumerStatus.STALL, ConsumerStatus.WARN)))
        .isEqualTo(ConsumerStatus.STALL);
    assertThat(ConsumerStatus.worst(List.of())).isEqualTo(ConsumerStatus.OK);
    assertThat(ConsumerStatus.STOP.worseThan(ConsumerStatus.STALL)).isTrue();
  }

  @Test
  void aWindowNeedsTwoSamples() {
    assertThatThrownBy(() -> new LagEvaluator(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
