package io.winback.cli.replay;

import io.winback.events.CustomerRelationship;
import java.util.Map;
import java.util.Set;

/**
 * The CRM data as crm.relationships.v1 holds it now: the latest record of each customer, and the
 * customers whose latest record is a tombstone (erased: replay decides nothing for them).
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
