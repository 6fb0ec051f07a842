package io.winback.desk.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.Channel;
import java.time.Instant;

/**
 * One task as the desk shows and executes it. {@code contact} is null once the CRM erased the
 * customer; {@code statusReason} says why the desk itself suppressed or failed it.
 */
public record WorklistItem(
    String taskId,
    String caseId,
    String customerId,
    int crmPartition,
    Channel channel,
    String goal,
    int attempt,
    Instant dueAt,
    String assignee,
    String claimedBy,
    String language,
    String subject,
    String message,
    JsonNode contact,
    JsonNode rationale,
    JsonNode context,
    String policyVersion,
    Instant createdAt,
    TaskStatus status,
    String statusReason,
    String outcome,
    int sendAttempts,
    Instant firstSendAt,
    String lastError,
    Instant updatedAt) {

  public boolean overdue(Instant now) {
    return status.isOpen() && dueAt.isBefore(now);
  }

  /** Who works on it: whoever claimed it, else whom the processor assigned it to. */
  public String owner() {
    return claimedBy != null ? claimedBy : assignee;
  }

  public String contactName() {
    return contact == null || contact.get("name") == null ? "" : contact.get("name").asText();
  }
}
