package io.winback.monitor.deadletters;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows one dead letter's payload (key, decoded value, every header) to an operator allowed to see
 * it, and audits that first. A value sealed with the customer's key is opened for it; an erased
 * customer's value reads as erased, one whose key is not known yet as not available, and one whose
 * seal does not open is not shown at all ({@link SealedLetters}). The reveal is written to the
 * audit topic, in the letter's history, before anything is shown; if it cannot be written, nothing
 * is shown. Asking for a letter that is not there is audited too (REVEAL_NOT_FOUND).
 *
 * <p>A reveal never counts as a redrive: "already redriven" looks at REDRIVEN entries only.
 * Logged at INFO with the audit id, the operator and the letter's place, never with its content.
 */
public final class DeadLetterReveal {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterReveal.class);

  /** The audit entry of the reveal, and the letter; null when there was none at that place. */
  public record Revealed(AuditEntry audit, DeadLetter letter) {

    public boolean found() {
      return letter != null;
    }
  }

  private final DeadLetterReader reader;
  private final RedriveTransactions transactions;
  private final AuditTrail audit;
  private final SealedLetters keys;
  private final Clock clock;

  public DeadLetterReveal(DeadLetterReader reader, RedriveTransactions transactions, AuditTrail audit,
      SealedLetters keys, Clock clock) {
    this.reader = reader;
    this.transactions = transactions;
    this.audit = audit;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * @throws RedriveTransactions.Failed when the reveal could not be audited: nothing may be shown
   */
  public Revealed reveal(DeadLetterRef ref, String user) throws RedriveTransactions.Failed {
    ConsumerRecord<byte[], byte[]> record = reader.at(List.of(ref)).get(ref);
    DeadLetter letter = record == null ? null : DeadLetterDecoder.decode(record, keys);
    AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), clock.millis(), user, reader.topic(),
        ref.partition(), ref.offset(), letter == null ? AuditEntry.REVEAL_NOT_FOUND : AuditEntry.REVEALED,
        null, -1, -1, note(letter));
    try {
      audit.appendAlone(transactions, reader.topic(), ref, entry);
    } catch (RedriveTransactions.Failed e) {
      log.warn("reveal of {}/{}/{} for user={} not audited, so not shown: {}", reader.topic(), ref.partition(),
          ref.offset(), user, e.getMessage());
      throw e;
    }
    log.info("reveal id={} user={} outcome={} letter={}/{}/{}", entry.id(), user, entry.outcome(), reader.topic(),
        ref.partition(), ref.offset());
    return new Revealed(entry, letter);
  }

  /** What the audit says was shown: never a word of the value itself. */
  private static String note(DeadLetter letter) {
    if (letter == null) {
      return "no such dead letter";
    }
    return switch (letter.valueState()) {
      case PLAIN -> letter.decoded() ? null : "not decodable: shown as raw bytes";
      case OPENED -> letter.decoded() ? "opened with the customer's key" : "opened with the customer's key, not "
          + "decodable: shown as raw bytes";
      case ERASED -> "the customer was erased: no value shown";
      case KEY_NOT_AVAILABLE -> "the customer's key is not available yet: no value shown";
      case SEAL_BROKEN -> "the seal does not open: no value shown";
      case DROPPED -> "the value was dropped by its writer";
      case NO_VALUE -> "no value (a tombstone)";
    };
  }
}
