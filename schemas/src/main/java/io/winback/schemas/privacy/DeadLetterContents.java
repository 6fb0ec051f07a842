package io.winback.schemas.privacy;

import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What the value of a dead letter holds for a reader with a key ring: the original bytes (in the
 * clear, or opened with the customer's key), or why there are none. The topic monitor's reveal and
 * redrive and the command line's subject access report read dead letters through this one rule.
 *
 * <p>A sealed value ({@link DeadLetterHeaders#SEALED}) belongs to the customer the record is keyed
 * by and to its source position (the source topic, partition and offset headers); anything else
 * does not open it.
 */
public final class DeadLetterContents {

  /** How a dead letter's value came to be what a reader gets. */
  public enum State {
    /** Not sealed: the original bytes as they were (no customer to seal them for, or an older writer). */
    PLAIN,
    /** Sealed, and opened with the customer's key. */
    OPENED,
    /** Sealed for a customer who was erased since: the value is gone for good. */
    ERASED,
    /** Sealed for a customer whose key this reader has not read (yet). */
    KEY_NOT_AVAILABLE,
    /** Sealed, but it does not open: tampered with, moved, or malformed. Nothing of it is given out. */
    SEAL_BROKEN,
    /** The writer dropped the value (it could not seal it); {@link Contents#note()} says why. */
    DROPPED,
    /** The dead letter has no value (the original was a tombstone). */
    NO_VALUE
  }

  /**
   * @param value the original bytes, for {@link State#PLAIN} and {@link State#OPENED} only
   * @param note why there is no value, for a person; never a part of the value
   */
  public record Contents(State state, byte[] value, String note) {

    /** Whether {@link #value()} holds the original record's bytes. */
    public boolean readable() {
      return state == State.PLAIN || state == State.OPENED;
    }
  }

  private DeadLetterContents() {}

  public static Contents of(byte[] key, byte[] value, Headers headers, KeyRing keys) {
    String dropped = header(headers, DeadLetterHeaders.VALUE_DROPPED);
    if (dropped != null) {
      return new Contents(State.DROPPED, null, whyDropped(dropped));
    }
    if (value == null) {
      return new Contents(State.NO_VALUE, null, "no value (a tombstone)");
    }
    String sealed = header(headers, DeadLetterHeaders.SEALED);
    if (sealed == null) {
      return new Contents(State.PLAIN, value, null);
    }
    if (!DeadLetterSeals.CUSTOMER_KEY.equals(sealed)) {
      return broken("sealed as '" + sealed + "', which this version cannot open");
    }
    if (key == null) {
      return broken("sealed, but the record has no key: no customer to open it for");
    }
    String customerId = new String(key, StandardCharsets.UTF_8);
    String sourceTopic = header(headers, DeadLetterHeaders.SOURCE_TOPIC);
    int sourcePartition;
    long sourceOffset;
    try {
      sourcePartition = Integer.parseInt(String.valueOf(header(headers, DeadLetterHeaders.SOURCE_PARTITION)).trim());
      sourceOffset = Long.parseLong(String.valueOf(header(headers, DeadLetterHeaders.SOURCE_OFFSET)).trim());
    } catch (NumberFormatException e) {
      return broken("sealed, but without the source partition and offset it was sealed for");
    }
    if (sourceTopic == null) {
      return broken("sealed, but without the source topic it was sealed for");
    }
    try {
      Opened<byte[]> opened = DeadLetterSeals.open(value, keys, customerId, sourceTopic, sourcePartition,
          sourceOffset);
      return opened.erased()
          ? new Contents(State.ERASED, null, "the customer was erased: the value can no longer be read")
          : new Contents(State.OPENED, opened.value(), null);
    } catch (KeyMissingException e) {
      return new Contents(State.KEY_NOT_AVAILABLE, null,
          "the customer's key is not on winback.keys.v1 as read here (yet)");
    } catch (SealBrokenException e) {
      return broken(e.getMessage());
    } catch (RuntimeException malformed) {
      // Not a sealed envelope at all (the serde's complaint): as good as tampered with.
      return broken("the sealed value is malformed: " + malformed.getClass().getSimpleName());
    }
  }

  /**
   * A decoded original with its own sealed fields opened too (a dead-lettered task or feedback):
   * what a reader entitled to the dead letter may see. Other values come back as they are.
   *
   * @throws KeyMissingException / SealBrokenException as {@link TaskSeals#open} and {@link FeedbackSeals#open}
   */
  public static Object withSealedFieldsOpened(Object decoded, KeyRing keys) {
    if (decoded instanceof OutreachTask task) {
      return TaskSeals.open(task, keys).value();
    }
    if (decoded instanceof OutreachFeedback feedback) {
      return FeedbackSeals.open(feedback, keys).value();
    }
    return decoded;
  }

  /** The header's reason in words: the writers' codes spelled out, anyone else's as they wrote it. */
  static String whyDropped(String reason) {
    return switch (reason.strip()) {
      case DeadLetterHeaders.DROPPED_NO_CUSTOMER_ID -> "the record's key names no customer, so the value could not "
          + "be sealed and was not kept";
      case DeadLetterHeaders.DROPPED_CUSTOMER_ERASED -> "the customer was erased, so the value was not kept";
      case DeadLetterHeaders.DROPPED_CUSTOMER_KEY_UNKNOWN -> "the writer held no key for the customer, so the value "
          + "could not be sealed and was not kept";
      case DeadLetterHeaders.DROPPED_NOT_CUSTOMER_KEYED -> "the source topic is not keyed by customer, so the value "
          + "could not be sealed and was not kept";
      case "" -> "the writer did not keep the value";
      default -> reason;
    };
  }

  private static Contents broken(String why) {
    return new Contents(State.SEAL_BROKEN, null, why);
  }

  private static String header(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
