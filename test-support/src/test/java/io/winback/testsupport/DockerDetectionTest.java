package io.winback.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DockerDetectionTest {

  @Test
  void answersWithinTheProbeBoundAndSaysWhy() {
    long started = System.nanoTime();

    DockerDetection.Result result = DockerDetection.detect();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(result.reason()).isNotBlank();
  }
}
