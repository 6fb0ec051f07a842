package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void readyIsA200() {
    assertThat(new Readiness(200).ready()).isTrue();
    assertThat(new Readiness(503).ready()).isFalse();
    assertThat(new Readiness(503).answered()).isTrue();
  }

  @Test
  void noAnswerIsNotReady() {
    assertThat(Readiness.NO_ANSWER.answered()).isFalse();
    assertThat(Readiness.NO_ANSWER.ready()).isFalse();
  }

  @Test
  void theRestoreTimelineNamesTheAnswerAndWhetherStoresAreRestoring() {
    assertThat(RestoreProbe.step(Readiness.NO_ANSWER, false)).isEqualTo("not answering (JVM and Spring starting)");
    assertThat(RestoreProbe.step(new Readiness(503), false)).isEqualTo("readiness 503");
    assertThat(RestoreProbe.step(new Readiness(503), true)).isEqualTo("readiness 503, restoring");
    assertThat(RestoreProbe.step(new Readiness(200), false)).isEqualTo("readiness 200");
  }
}
