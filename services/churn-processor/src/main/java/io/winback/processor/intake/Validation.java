package io.winback.processor.intake;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import java.time.ZoneOffset;

/**
 * Checks what the schema cannot: blank ids, a contract that ends before it was cancelled, a key
 * that does not match the event (which would break co-partitioning).
 */
public final class Validation {

  private Validation() {}

  public static void check(String key, CancellationEvent event) {
    required("eventId", event.getEventId());
    required("customerId", event.getCustomerId());
    required("contractId", event.getContractId());
    keyMatches(key, "customerId", event.getCustomerId());
    if (event.getEffectiveAt().isBefore(event.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate())) {
      throw new InvalidInputException("effectiveAt " + event.getEffectiveAt() + " is before occurredAt "
          + event.getOccurredAt());
    }
  }

  public static void check(String key, CustomerRelationship relationship) {
    required("customerId", relationship.getCustomerId());
    keyMatches(key, "customerId", relationship.getCustomerId());
    required("lastName", relationship.getLastName());
  }

  public static void check(String key, OutreachFeedback feedback) {
    required("feedbackId", feedback.getFeedbackId());
    required("taskId", feedback.getTaskId());
    required("caseId", feedback.getCaseId());
    required("customerId", feedback.getCustomerId());
    keyMatches(key, "customerId", feedback.getCustomerId());
  }

  public static void requireKey(String key) {
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("the record has no key (expected the customerId)");
    }
  }

  private static void required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + " is blank");
    }
  }

  private static void keyMatches(String key, String field, String value) {
    if (key == null || !key.equals(value)) {
      throw new InvalidInputException("the record key '" + key + "' does not match " + field + " '" + value + "'");
    }
  }
}
