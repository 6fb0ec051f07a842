package io.winback.desk.preferences;

import io.winback.desk.db.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token buckets in the database (table preference_rate_limit), so that every desk replica counts
 * the same: a bucket holds up to {@code capacity} requests and gets one back every
 * {@code refillEvery}; a request takes one, or is refused when none is left. Buckets are named by a
 * keyed digest of the token or address, never the value itself.
 */
@Component
public class RateLimiter {

  /** A bucket's size and how fast it fills again. */
  public record Bucket(int capacity, Duration refillEvery) {}

  /** Buckets untouched this long are full again anyway: removed. */
  static final Duration IDLE = Duration.ofDays(1);

  private final JdbcClient db;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public RateLimiter(JdbcClient db, PlatformTransactionManager transactions, Clock clock) {
    this.db = db;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Takes a request from the bucket; false when it is empty (the request is to be refused). */
  public boolean take(String bucket, Bucket limit) {
    Instant now = clock.instant();
    return Boolean.TRUE.equals(ownTransaction.execute(status -> {
      db.sql("INSERT INTO preference_rate_limit (bucket, tokens, updated_at) VALUES (:b, :full, :now) "
              + "ON CONFLICT (bucket) DO NOTHING")
          .param("b", bucket).param("full", (double) limit.capacity()).param("now", Timestamps.of(now)).update();
      // The row lock serialises two replicas taking from the same bucket at once.
      Optional<double[]> state = db.sql("SELECT tokens, updated_at FROM preference_rate_limit WHERE bucket = :b FOR UPDATE")
          .param("b", bucket)
          .query((rs, n) -> new double[] {rs.getDouble("tokens"), Timestamps.read(rs, "updated_at").toEpochMilli()})
          .optional();
      double tokens = state.map(s -> refilled(s[0], Instant.ofEpochMilli((long) s[1]), now, limit))
          .orElse((double) limit.capacity());
      boolean allowed = tokens >= 1;
      db.sql("UPDATE preference_rate_limit SET tokens = :tokens, updated_at = :now WHERE bucket = :b")
          .param("tokens", allowed ? tokens - 1 : tokens).param("now", Timestamps.of(now)).param("b", bucket).update();
      return allowed;
    }));
  }

  /** What the bucket holds at {@code now}: what it held, plus one per refill period since, at most full. */
  static double refilled(double tokens, Instant since, Instant now, Bucket limit) {
    double periods = Math.max(0, Duration.between(since, now).toMillis()) / (double) Math.max(1,
        limit.refillEvery().toMillis());
    return Math.min(limit.capacity(), tokens + periods);
  }

  /** Removes buckets nobody used for a day (they would be full by now). */
  public int removeIdle(int limit) {
    return db.sql("""
        DELETE FROM preference_rate_limit WHERE bucket IN (
          SELECT bucket FROM preference_rate_limit WHERE updated_at < :before LIMIT :limit)
        """).param("before", Timestamps.of(clock.instant().minus(IDLE))).param("limit", limit).update();
  }
}
