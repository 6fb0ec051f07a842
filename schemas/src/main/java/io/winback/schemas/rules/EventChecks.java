package io.winback.schemas.rules;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What the schema cannot check: blank ids, a contract that ends before it was cancelled, a key that
 * does not match the event (which would break co-partitioning). The processor dead-letters a record
 * that breaks one of these rules, and {@code winback replay} skips it the same way: one rule, two readers.
 * Each check answers the problem in words, or empty when the record is fine.
 */
public final class EventChecks {

  private EventChecks() {}

  public static Optional<String> problem(String key, CancellationEvent event) {
    return first(required("eventId", event.getEventId()), required("customerId", event.getCustomerId()),
        required("contractId", event.getContractId()), keyMatches(key, "customerId", event.getCustomerId()),
        event.getEffectiveAt().isBefore(event.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate())
            ? Optional.of("effectiveAt " + event.getEffectiveAt() + " is before occurredAt " + event.getOccurredAt())
            : Optional.empty());
  }

  public static Optional<String> problem(String key, CustomerRelationship relationship) {
    return first(required("customerId", relationship.getCustomerId()),
        keyMatches(key, "customerId", relationship.getCustomerId()), required("lastName", relationship.getLastName()));
  }

  public static Optional<String> problem(String key, OutreachFeedback feedback) {
    return first(required("feedbackId", feedback.getFeedbackId()), required("taskId", feedback.getTaskId()),
        required("caseId", feedback.getCaseId()), required("customerId", feedback.getCustomerId()),
        keyMatches(key, "customerId", feedback.getCustomerId()));
  }

  /** A record of a customer-keyed topic must name its customer in the key. */
  public static Optional<String> keyProblem(String key) {
    return key == null || key.isBlank() ? Optional.of("the record has no key (expected the customerId)")
        : Optional.empty();
  }

  @SafeVarargs
  private static Optional<String> first(Optional<String>... problems) {
    for (Optional<String> problem : problems) {
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> required(String field, String value) {
    return value == null || value.isBlank() ? Optional.of(field + " is blank") : Optional.empty();
  }

  private static Optional<String> keyMatches(String key, String field, String value) {
    return key == null || !key.equals(value)
        ? Optional.of("the record key '" + key + "' does not match " + field + " '" + value + "'")
        : Optional.empty();
  }
}
