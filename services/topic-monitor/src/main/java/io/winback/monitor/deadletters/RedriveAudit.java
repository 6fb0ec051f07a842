package io.winback.monitor.deadletters;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The redrive audit trail of this instance, newest first, bounded. In memory by design: the
 * durable trail is the log line each entry writes and the winback.redrive.* headers on the
 * redriven record itself.
 */
public final class RedriveAudit {

  private final int capacity;
  private final Deque<AuditEntry> entries = new ArrayDeque<>();

  public RedriveAudit(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void add(AuditEntry entry) {
    entries.addFirst(entry);
    while (entries.size() > capacity) {
      entries.removeLast();
    }
  }

  public synchronized List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  /** The successful redrive of that dead letter, if this instance did one. */
  public synchronized Optional<AuditEntry> redriveOf(DeadLetterRef ref) {
    return entries.stream()
        .filter(entry -> entry.redriven() && entry.dlqPartition() == ref.partition() && entry.dlqOffset() == ref.offset())
        .findFirst();
  }
}
