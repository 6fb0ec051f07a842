package io.winback.schemas.privacy;

import io.winback.events.CustomerKey;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a service knows of the customers' keys, from winback.keys.v1: the key while it exists,
 * "erased" after the CRM erased the customer, nothing for a customer Winback never wrote personal
 * data of. In memory only: nothing of a key reaches the service's disk, so deleting it from the
 * topic (compaction) and from here is deleting it.
 */
public final class KeyRing {

  /** Where a customer's key stands. */
  public enum State { KNOWN, ERASED, UNKNOWN }

  private final Map<String, KeyMaterial> keys = new ConcurrentHashMap<>();
  private final Map<String, Boolean> erased = new ConcurrentHashMap<>();

  /** A record of winback.keys.v1 (null: a tombstone, which also means erased). */
  public void apply(String customerId, CustomerKey record) {
    if (record == null || record.getKey() == null || record.getErasedAt() != null) {
      keys.remove(customerId);
      erased.put(customerId, Boolean.TRUE);
      return;
    }
    ByteBuffer buffer = record.getKey().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    keys.put(customerId, new KeyMaterial(record.getKeyVersion(), bytes));
    erased.remove(customerId);
  }

  public State state(String customerId) {
    if (keys.containsKey(customerId)) {
      return State.KNOWN;
    }
    return erased.containsKey(customerId) ? State.ERASED : State.UNKNOWN;
  }

  public Optional<KeyMaterial> key(String customerId) {
    return Optional.ofNullable(keys.get(customerId));
  }

  public int size() {
    return keys.size();
  }
}
