package io.winback.desk.privacy;

import io.winback.schemas.topics.Topics;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "keyRing" in the readiness group: a replica takes traffic only once its key ring has read
 * winback.keys.v1 to the end once, so that the pages open what they can and a missing key really
 * means "not written yet". Stays UP afterwards, through broker outages (the ring keeps its keys).
 */
@Component("keyRingHealthIndicator")
public class KeyRingHealthIndicator implements HealthIndicator {

  private final CustomerKeys keys;

  public KeyRingHealthIndicator(CustomerKeys keys) {
    this.keys = keys;
  }

  @Override
  public Health health() {
    Instant complete = keys.completeAsOf();
    if (complete == null) {
      return Health.outOfService().withDetail("topic", Topics.KEYS.name())
          .withDetail("state", "catching up for the first time").build();
    }
    return Health.up().withDetail("topic", Topics.KEYS.name()).withDetail("completeAsOf", complete.toString())
        .withDetail("keys", keys.ring().size()).build();
  }
}
