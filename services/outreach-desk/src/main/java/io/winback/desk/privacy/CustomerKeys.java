package io.winback.desk.privacy;

import io.winback.desk.DeskProperties;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.KeyRingFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The customers' keys as the desk knows them: its {@link KeyRing}, and how complete the ring is
 * ({@link KeyRingFeed}). In memory only; nothing of a key reaches the desk's database.
 */
@Component
public class CustomerKeys {

  private final KeyRing ring;
  private final Supplier<Instant> completeAsOf;
  private final Duration keyWait;

  /** The desk's: its ring, and the feed that keeps it (absent in tests of the web layer: never complete). */
  @Autowired
  public CustomerKeys(KeyRing ring, ObjectProvider<KeyRingFeed> feed, DeskProperties properties) {
    this(ring, () -> {
      KeyRingFeed running = feed.getIfAvailable();
      return running == null ? null : running.completeAsOf();
    }, properties.keyWait());
  }

  public CustomerKeys(KeyRing ring, Supplier<Instant> completeAsOf, Duration keyWait) {
    this.ring = ring;
    this.completeAsOf = completeAsOf;
    this.keyWait = keyWait;
  }

  public KeyRing ring() {
    return ring;
  }

  public KeyRing.State state(String customerId) {
    return ring.state(customerId);
  }

  public Optional<KeyMaterial> key(String customerId) {
    return ring.key(customerId);
  }

  public boolean erased(String customerId) {
    return ring.state(customerId) == KeyRing.State.ERASED;
  }

  /** Up to when the ring holds everything committed on winback.keys.v1; null before it caught up once. */
  public Instant completeAsOf() {
    return completeAsOf.get();
  }

  /**
   * Whether the customer has no key at all, as far as anyone can know: the ring does not know one
   * although it has read everything committed until {@code winback.desk.key-wait} after {@code since}
   * (when the task that needed the key was created, or the outcome recorded). The processor writes a
   * key in the same transaction as the first record that needs it, so a key that existed then is in
   * the ring by now; the wait covers the commit reaching every partition and clocks that differ.
   */
  public boolean noKeyFor(String customerId, Instant since) {
    Instant complete = completeAsOf();
    return ring.state(customerId) == KeyRing.State.UNKNOWN && complete != null && since != null
        && complete.isAfter(since.plus(keyWait));
  }
}
