package io.winback.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthTest {

  private final StreamsHealth health = new StreamsHealth();
  private final TopicPartition partition = new TopicPartition("changelog", 0);

  @Test
  void readyOnlyWhileRunning() {
    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

    health.onStateChange(State.RUNNING, State.REBALANCING);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    health.onStateChange(State.REBALANCING, State.RUNNING);
    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
  }

  @Test
  void notReadyWhileAStoreIsRestoring() {
    health.onStateChange(State.RUNNING, State.REBALANCING);

    health.onRestoreStart(partition, "cases", 0, 100);
    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(health.health().getDetails()).containsEntry("restoringStores", 1);

    health.onRestoreEnd(partition, "cases", 100);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void downWhenStreamsDied() {
    health.onStateChange(State.ERROR, State.PENDING_ERROR);

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails()).containsEntry("state", "ERROR");
  }

  @Test
  void livenessFailsOnlyWhenStreamsDied() {
    StreamsLiveness liveness = new StreamsLiveness(health);
    assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);

    health.onStateChange(State.REBALANCING, State.CREATED);
    assertThat(liveness.health().getStatus()).as("a rebalance is no reason to restart").isEqualTo(Status.UP);

    health.onStateChange(State.RUNNING, State.REBALANCING);
    health.onStateChange(State.ERROR, State.PENDING_ERROR);
    assertThat(liveness.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
