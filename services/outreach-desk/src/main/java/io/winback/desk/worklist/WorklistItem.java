package io.winback.desk.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.Channel;
import java.time.Instant;

/**
 * One task as the desk stores it. {@code contact} is null once the CRM erased the customer;
 * {@code statusReason} says why the desk itself suppressed or failed it. A task whose personal
 * fields the processor sealed has them empty here and carries {@code sealedTask} (the task as it
 * arrived): {@link io.winback.desk.privacy.TaskOpener} opens it where they are needed.
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
    Instant updatedAt,
    byte[] sealedTask) {

  /** Whether the personal fields are sealed in {@link #sealedTask()} rather than in the clear. */
  public boolean sealed() {
    return sealedTask != null;
  }

  /** The same task with these personal fields (opened from the seal), the seal itself left out. */
  public WorklistItem withPersonalData(String subject, String message, JsonNode contact, JsonNode context) {
    return new WorklistItem(taskId, caseId, customerId, crmPartition, channel, goal, attempt, dueAt, assignee,
        claimedBy, language, subject, message, contact, rationale, context, policyVersion, createdAt, status,
        statusReason, outcome, sendAttempts, firstSendAt, lastError, updatedAt, null);
  }

  /** The same task without any personal field: what may be shown of a customer who was erased. */
  public WorklistItem withoutPersonalData() {
    JsonNode facts = context;
    if (facts != null && facts.isObject() && facts.has("reasonText")) {
      facts = ((com.fasterxml.jackson.databind.node.ObjectNode) facts.deepCopy()).putNull("reasonText");
    }
    return new WorklistItem(taskId, caseId, customerId, crmPartition, channel, goal, attempt, dueAt, assignee,
        claimedBy, language, null, "", null, rationale, facts, policyVersion, createdAt, status, statusReason,
        outcome, sendAttempts, firstSendAt, null, updatedAt, null);
  }

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
