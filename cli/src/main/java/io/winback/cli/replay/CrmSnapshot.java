package io.winback.cli.replay;

import io.winback.events.CustomerRelationship;
import java.util.Map;
import java.util.Set;

/**
 * The CRM data as crm.relationships.v1 holds it now: the latest record of each customer, and the
 * customers the CRM erased (a tombstone; replay decides nothing for them, even when a record followed
 * it, because the processor refuses CRM data of a customer it has erased).
 *
 * @param undecodable records that are no readable CustomerRelationship; the processor dead-letters
 *                    them and keeps the customer's previous record, and so does replay
 */
public record CrmSnapshot(Map<String, CustomerRelationship> current, Set<String> erased, int undecodable) {

  public CrmSnapshot {
    current = Map.copyOf(current);
    erased = Set.copyOf(erased);
  }
}
