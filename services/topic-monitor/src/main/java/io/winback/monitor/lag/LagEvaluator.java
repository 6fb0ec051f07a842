package io.winback.monitor.lag;

import java.util.List;

/**
 * Burrow's consumer-lag rules as a pure function of a sliding window of samples (oldest first).
 * No thresholds: a group is judged by how its lag and committed offset move, not by how big the
 * lag is, so a busy topic with a healthy backlog does not alarm and an idle one does not either.
 *
 * <p>The order follows Burrow's evaluator:
 * <ol>
 *   <li>No backlog now, or a backlog of zero at any point in the window: OK. This is what keeps
 *       idle topics (lag 0 throughout) and bursts (lag spikes, then drains to zero) quiet.</li>
 *   <li>Fewer samples than the window holds: OK, there is not enough history to accuse anyone
 *       (Burrow likewise cannot judge an incomplete window).</li>
 *   <li>The committed offset went down between two samples: REWIND.</li>
 *   <li>The committed offset stood still for the whole window: STOP when the group has no live
 *       member (nobody is committing any more), STALL when members are there but make no
 *       progress. Burrow tells these apart by commit timestamps, which the Admin API does not
 *       expose; group membership is the closest signal Kafka offers.</li>
 *   <li>Progress, but the backlog never fell and ended higher than it began: WARN.</li>
 *   <li>Otherwise OK.</li>
 * </ol>
 *
 * <p>One deliberate difference: Burrow warns on a lag that merely does not decrease; here WARN
 * needs the lag to have grown, so a steady, constant lag of a consumer that keeps pace does not
 * page anyone.
 */
public final class LagEvaluator {

  private final int windowSize;

  public LagEvaluator(int windowSize) {
    if (windowSize < 2) {
      throw new IllegalArgumentException("a window needs at least 2 samples, not " + windowSize);
    }
    this.windowSize = windowSize;
  }

  public int windowSize() {
    return windowSize;
  }

  /** Judges the newest {@link #windowSize()} samples of {@code samples}, oldest first. */
  public Evaluation evaluate(List<OffsetSample> samples) {
    List<OffsetSample> window = samples.size() > windowSize
        ? samples.subList(samples.size() - windowSize, samples.size()) : samples;
    if (window.isEmpty()) {
      return new Evaluation(ConsumerStatus.OK, false, "no samples yet");
    }
    boolean growing = growing(window);
    OffsetSample last = window.get(window.size() - 1);
    if (last.backlog() == 0) {
      return new Evaluation(ConsumerStatus.OK, false,
          last.lag() == 0 ? "caught up" : "only transaction markers left to read");
    }
    if (window.stream().anyMatch(sample -> sample.backlog() == 0)) {
      return new Evaluation(ConsumerStatus.OK, false, "lag was zero within the window");
    }
    if (window.size() < windowSize) {
      return new Evaluation(ConsumerStatus.OK, growing,
          "collecting samples (" + window.size() + " of " + windowSize + ")");
    }
    if (rewound(window)) {
      return new Evaluation(ConsumerStatus.REWIND, growing, "the committed offset went backwards");
    }
    if (committedStoodStill(window)) {
      return last.membersActive()
          ? new Evaluation(ConsumerStatus.STALL, growing,
              "members are connected but the committed offset has not moved while records wait")
          : new Evaluation(ConsumerStatus.STOP, growing,
              "no member and no progress for the whole window while records wait");
    }
    if (growing) {
      return new Evaluation(ConsumerStatus.WARN, true, "consuming, but the lag grew over the whole window");
    }
    return new Evaluation(ConsumerStatus.OK, false, "consuming, lag not growing");
  }

  /**
   * A backlog the whole time that never fell from one sample to the next and ended above where it
   * began. A backlog that started from zero is a burst until the window has moved past the zero.
   */
  static boolean growing(List<OffsetSample> window) {
    if (window.size() < 2 || window.stream().anyMatch(sample -> sample.backlog() == 0)) {
      return false;
    }
    for (int i = 1; i < window.size(); i++) {
      if (window.get(i).backlog() < window.get(i - 1).backlog()) {
        return false;
      }
    }
    return window.get(window.size() - 1).backlog() > window.get(0).backlog();
  }

  private static boolean rewound(List<OffsetSample> window) {
    for (int i = 1; i < window.size(); i++) {
      if (window.get(i).committed() < window.get(i - 1).committed()) {
        return true;
      }
    }
    return false;
  }

  private static boolean committedStoodStill(List<OffsetSample> window) {
    long first = window.get(0).committed();
    return window.stream().allMatch(sample -> sample.committed() == first);
  }
}
