package io.winback.cli.replay;

/** One past cancellation decided with today's settings (before) and the proposed ones (after). */
public record ReplayedCase(String customerId, String cancellationEventId, ReplayOutcome before, ReplayOutcome after) {

  public boolean changed() {
    return before.differsFrom(after);
  }

  /** {@code PHONE/FEEDBACK -> IN_PERSON/WIN_BACK}. */
  public String transition() {
    return before.summary() + " -> " + after.summary();
  }
}
