package io.winback.processor.intake;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;

/**
 * An input of the case processor, with the raw record it came from (so that an input the lifecycle
 * rejects can still go to the dead-letter topic): decoded and valid, or {@link Invalid}.
 */
public sealed interface Inbound {

  RawRecord raw();

  record Cancellation(CancellationEvent event, RawRecord raw) implements Inbound {}

  /** {@code relationship} is null for a tombstone: the CRM erased the customer. */
  record Relationship(String customerId, CustomerRelationship relationship, RawRecord raw) implements Inbound {}

  record Feedback(OutreachFeedback feedback, RawRecord raw) implements Inbound {}

  /**
   * A record that could not be decoded or is not valid: the case processor dead-letters it, so that
   * its value is sealed with its customer's key like every other dead letter of a customer's
   * record (the processor that holds the keys is the only one that can). {@code metric} is the
   * reason the dead-letter counter names.
   */
  record Invalid(RawRecord raw, String errorClass, String message, String metric) implements Inbound {}
}
