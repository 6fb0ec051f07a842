package io.winback.monitor.deadletters;

import io.winback.schemas.privacy.DeadLetterContents;
import io.winback.schemas.privacy.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The monitor's view of the customers' keys, for dead letters: opens a sealed value with the key
 * of the customer it is keyed by (winback.keys.v1, read into memory by a {@code KeyRingFeed}), and
 * knows who was erased, so nothing of an erased customer is shown or sent back.
 *
 * <p>Until the ring has read the keys topic to its end once, nobody is known to be erased: a
 * missing key then only means "not read yet", and a redrive, which must not bring an erased
 * customer back, waits for it.
 */
public final class SealedLetters {

  private final KeyRing ring;
  private final BooleanSupplier caughtUp;

  public SealedLetters(KeyRing ring, BooleanSupplier caughtUp) {
    this.ring = ring;
    this.caughtUp = caughtUp;
  }

  /** The letter's value as the ring lets it be read. */
  public DeadLetterContents.Contents contents(ConsumerRecord<byte[], byte[]> letter) {
    DeadLetterContents.Contents contents = DeadLetterContents.of(letter.key(), letter.value(), letter.headers(), ring);
    if (contents.state() == DeadLetterContents.State.KEY_NOT_AVAILABLE && !caughtUp()) {
      return new DeadLetterContents.Contents(contents.state(), null,
          "not available yet: the monitor is still reading the customers' keys (winback.keys.v1)");
    }
    return contents;
  }

  /** A decoded original with its own sealed fields (a task's, a feedback's) opened too. */
  public Object withSealedFieldsOpened(Object decoded) {
    return DeadLetterContents.withSealedFieldsOpened(decoded, ring);
  }

  /** Whether the ring has read winback.keys.v1 to its end at least once. */
  public boolean caughtUp() {
    return caughtUp.getAsBoolean();
  }

  /** Whether the customer the record is keyed by was erased (false for a record without key). */
  public boolean erased(byte[] recordKey) {
    return recordKey != null
        && ring.state(new String(recordKey, StandardCharsets.UTF_8)) == KeyRing.State.ERASED;
  }
}
