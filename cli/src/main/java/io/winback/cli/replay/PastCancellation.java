package io.winback.cli.replay;

import io.winback.events.CancellationEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A cancellation as billing published it.
 *
 * @param publishedAt the record's timestamp: when billing published it. The processor decides on its
 *                    own clock when it processes the record (CaseProcessor's now()), normally moments
 *                    later; this is the closest the topic keeps, and replay decides at this time
 */
public record PastCancellation(CancellationEvent event, Instant publishedAt) {

  public PastCancellation {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
