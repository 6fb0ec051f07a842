package io.winback.processor.intake;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;

/**
 * A decoded, valid input of the case processor, with the raw record it came from (so that an
 * input the lifecycle rejects can still go to the dead-letter topic unchanged).
 */
public sealed interface Inbound {

  RawRecord raw();

  record Cancellation(CancellationEvent event, RawRecord raw) implements Inbound {}

  /** {@code relationship} is null for a tombstone: the CRM erased the customer. */
  record Relationship(String customerId, CustomerRelationship relationship, RawRecord raw) implements Inbound {}

  record Feedback(OutreachFeedback feedback, RawRecord raw) implements Inbound {}
}
