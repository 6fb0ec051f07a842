package io.winback.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.winback.monitor.lag.Rates.Point;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatesTest {

  @Test
  void recordsPerSecondIsTheOffsetDeltaOverTheTimeDelta() {
    assertThat(Rates.perSecond(new Point(0, 1_000), new Point(10_000, 1_250))).isCloseTo(25.0, within(1e-9));
  }

  @Test
  void noTimeBetweenTwoPointsIsNoRate() {
    assertThat(Rates.perSecond(new Point(5_000, 0), new Point(5_000, 100))).isZero();
  }

  @Test
  void anOffsetThatWentBackIsNoTrafficRatherThanNegativeTraffic() {
    assertThat(Rates.perSecond(new Point(0, 900), new Point(5_000, 10))).isZero();
  }

  @Test
  void overAWindowTheOldestPointInsideItIsTheBase() {
    // Every 5 s: 0, 10, 20, then a burst to 320, then 330. Over 10 s: from 20 (t=10 s) to 330 (t=20 s).
    List<Point> points = List.of(new Point(0, 0), new Point(5_000, 10), new Point(10_000, 20),
        new Point(15_000, 320), new Point(20_000, 330));

    assertThat(Rates.perSecond(points, Duration.ofSeconds(10))).isCloseTo(31.0, within(1e-9));
    assertThat(Rates.perSecond(points, Duration.ofSeconds(60))).isCloseTo(16.5, within(1e-9));
  }

  @Test
  void whenSamplesAreFartherApartThanTheWindowTheLastTwoAreUsed() {
    List<Point> points = List.of(new Point(0, 0), new Point(60_000, 600));

    assertThat(Rates.perSecond(points, Duration.ofSeconds(30))).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void anIdleTopicHasNoRate() {
    List<Point> points = List.of(new Point(0, 77), new Point(5_000, 77), new Point(10_000, 77));

    assertThat(Rates.perSecond(points, Duration.ofSeconds(30))).isZero();
  }

  @Test
  void oneOrNoPointsIsNoRate() {
    assertThat(Rates.perSecond(List.of(), Duration.ofSeconds(30))).isZero();
    assertThat(Rates.perSecond(List.of(new Point(0, 5)), Duration.ofSeconds(30))).isZero();
  }
}
