package io.winback.processor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health from the Kafka Streams state: up only while RUNNING with no store being restored, so a
 * load balancer sends no queries to an instance that is rebalancing or catching up. It is part of
 * the readiness group; liveness fails only when Streams has died.
 */
@Component("streams")
public class StreamsHealth implements HealthIndicator, StateRestoreListener {

  private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
  private final AtomicInteger restoring = new AtomicInteger();

  private volatile boolean hasRun;

  void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    state.set(newState);
    if (newState == KafkaStreams.State.RUNNING) {
      hasRun = true;
    }
  }

  /** Whether Streams was RUNNING at least once (NOT_RUNNING before that is just "not started"). */
  boolean hasRun() {
    return hasRun;
  }

  public KafkaStreams.State state() {
    return state.get();
  }

  @Override
  public Health health() {
    KafkaStreams.State current = state.get();
    int stores = restoring.get();
    Health.Builder health = switch (current) {
      case RUNNING -> stores > 0 ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
      case CREATED, REBALANCING -> Health.status(Status.OUT_OF_SERVICE);
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Health.down();
    };
    return health.withDetail("state", current.name()).withDetail("restoringStores", stores).build();
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    restoring.incrementAndGet();
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    restoring.decrementAndGet();
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    restoring.decrementAndGet();
  }
}
