package io.winback.processor;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness: down only when Kafka Streams has died (ERROR, or stopped while the app still runs),
 * so the orchestrator restarts the instance. A rebalance is not a reason to restart.
 */
@Component("streamsAlive")
public class StreamsLiveness implements HealthIndicator {

  private final StreamsHealth streams;

  public StreamsLiveness(StreamsHealth streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    boolean dead = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
        || (state == KafkaStreams.State.NOT_RUNNING && streams.hasRun());
    return (dead ? Health.down() : Health.up()).withDetail("state", state.name()).build();
  }
}
