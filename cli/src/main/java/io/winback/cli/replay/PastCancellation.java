package io.winback.cli.replay;

import io.winback.events.CancellationEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A cancellation as billing published it.
 *
 * @param publishedAt the record's timestamp: when billing published it, which is when the processor
 *                    decided its first contact (within moments); replay decides it at this time
 */
public record PastCancellation(CancellationEvent event, Instant publishedAt) {

  public PastCancellation {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
