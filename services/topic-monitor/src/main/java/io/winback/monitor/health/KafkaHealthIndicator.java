package io.winback.monitor.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * "kafka" in /actuator/health: UP while the Admin client can describe the cluster within a few
 * seconds, DOWN otherwise. Asked live rather than taken from the last sample, so a probe sees the
 * broker as it is now. Not part of readiness: a monitor that takes itself out of service when the
 * broker goes away would hide exactly the outage it is there to show.
 */
public final class KafkaHealthIndicator implements HealthIndicator {

  private final Admin admin;
  private final Duration timeout;

  public KafkaHealthIndicator(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try {
      DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
      String clusterId = cluster.clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      int brokers = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
      return Health.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down().withDetail("error", "interrupted").build();
    } catch (ExecutionException e) {
      return Health.down().withDetail("error", String.valueOf(e.getCause().getMessage())).build();
    } catch (TimeoutException e) {
      return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
    }
  }
}
