package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void theStreamsDetailsAreReadFromAnOpsAnswer() {
    String body = "{\"status\":\"OUT_OF_SERVICE\",\"components\":{\"readinessState\":{\"status\":\"UP\"},"
        + "\"streams\":{\"status\":\"OUT_OF_SERVICE\",\"details\":{\"state\":\"RUNNING\",\"restoringStores\":12}}}}";

    Readiness readiness = Readiness.parse(503, body);

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.state()).isEqualTo("RUNNING");
    assertThat(readiness.restoringStores()).isEqualTo(12);
    assertThat(readiness.restoring()).isTrue();
    assertThat(RestoreProbe.step(readiness)).isEqualTo("503 RUNNING, stores restoring");
  }

  @Test
  void readyIsA200AndAnAnswerWithoutDetailsSaysOnlyThat() {
    Readiness readiness = Readiness.parse(200, "{\"status\":\"UP\"}");

    assertThat(readiness.ready()).isTrue();
    assertThat(readiness.state()).isNull();
    assertThat(readiness.restoringStores()).isEqualTo(-1);
    assertThat(readiness.restoring()).isFalse();
    assertThat(RestoreProbe.step(readiness)).isEqualTo("200");
  }

  @Test
  void noAnswerIsNotReady() {
    assertThat(Readiness.NO_ANSWER.answered()).isFalse();
    assertThat(Readiness.NO_ANSWER.ready()).isFalse();
    assertThat(RestoreProbe.step(Readiness.NO_ANSWER)).startsWith("not answering");
    assertThat(Readiness.parse(401, null).answered()).isTrue();
  }
}
