package io.winback.policy;

import io.winback.events.Cohort;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Who is in the holdout group (winback.policy.holdout-percent): customers who get no outreach at all, so
 * that their return rate shows what win-back adds. Membership is a pure function of the customerId: the
 * first 8 bytes of SHA-256 of {@code "winback-holdout:" + customerId}, as an unsigned number, mod 10,000, is
 * below percent × 100. The same customer is in the same group on every instance, in every JVM and run, and
 * in each of their cases; raising the share only adds customers to the group, lowering it only takes some out.
 */
public final class Holdout {

  static final String SALT = "winback-holdout:";
  /** Buckets of 0.01 %. */
  static final int BUCKETS = 10_000;

  private Holdout() {}

  /** The customer's bucket, 0 to 9,999, the same everywhere. */
  public static int bucket(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((SALT + customerId).getBytes(StandardCharsets.UTF_8));
      return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest, 0, Long.BYTES).getLong(), BUCKETS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static boolean isHoldout(String customerId, int percent) {
    return bucket(customerId) < percent * (BUCKETS / 100);
  }

  public static Cohort cohort(String customerId, int percent) {
    return percent > 0 && isHoldout(customerId, percent) ? Cohort.HOLDOUT : Cohort.TREATED;
  }

  /** Why a holdout case gets no outreach, fit for its status reason. */
  public static String reason(int percent) {
    return "holdout group: no outreach, to measure uplift (winback.policy.holdout-percent=" + percent + ")";
  }

  public static Rationale rationale(int percent) {
    return new Rationale(RuleIds.HOLDOUT, reason(percent));
  }
}
