package io.winback.monitor.api;

import io.winback.monitor.deadletters.AuditEntry;

/**
 * An audit entry as the API shows it (OPS_ADMIN only): who did what to which dead letter, when
 * ({@code at}, epoch millis), with what result.
 *
 * @param action REDRIVE or REVEAL
 */
public record AuditJson(String id, long at, String user, String action, String outcome, String dlqTopic,
    int dlqPartition, long dlqOffset, String targetTopic, int targetPartition, long targetOffset, String note) {

  static AuditJson of(AuditEntry entry) {
    return new AuditJson(entry.id(), entry.at(), entry.user(), entry.action(), entry.outcome(), entry.dlqTopic(),
        entry.dlqPartition(), entry.dlqOffset(), entry.targetTopic(), entry.targetPartition(), entry.targetOffset(),
        entry.note());
  }
}
