package io.winback.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** When a task is due, and the due-date rules that set it (they end a decision's rationale). */
public record DueDate(Instant at, List<Rationale> rationale) {

  public DueDate {
    Objects.requireNonNull(at, "at");
    rationale = List.copyOf(rationale);
  }
}
