package io.winback.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

  private final RestartBackoff backoff = RestartBackoff.standard();

  @Test
  void thePauseDoublesFromOneSecondUpToThirtyWhileTheServiceKeepsDying() {
    assertThat(backoff.afterExit(Duration.ZERO)).hasSeconds(1);
    assertThat(backoff.afterExit(Duration.ofSeconds(5))).hasSeconds(2);
    assertThat(backoff.afterExit(Duration.ZERO)).hasSeconds(4);
    assertThat(backoff.afterExit(Duration.ZERO)).hasSeconds(8);
    assertThat(backoff.afterExit(Duration.ZERO)).hasSeconds(16);
    assertThat(backoff.afterExit(Duration.ZERO)).hasSeconds(30);
    assertThat(backoff.afterExit(Duration.ZERO)).hasSeconds(30);
    assertThat(backoff.exitsInARow()).isEqualTo(7);
  }

  @Test
  void aServiceThatStayedReadyForAMinuteStartsAgainFromOneSecond() {
    backoff.afterExit(Duration.ZERO);
    backoff.afterExit(Duration.ZERO);
    assertThat(backoff.afterExit(Duration.ofSeconds(59))).hasSeconds(4);

    assertThat(backoff.afterExit(Duration.ofMinutes(1))).hasSeconds(1);
    assertThat(backoff.exitsInARow()).isEqualTo(1);
  }
}
