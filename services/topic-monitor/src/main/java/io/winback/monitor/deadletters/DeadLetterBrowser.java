package io.winback.monitor.deadletters;

import java.util.List;

/**
 * The newest dead letters as everyone in operations may see them: metadata only (the payload is
 * {@link DeadLetterReveal}'s), with the redrive of each if any monitor did one.
 */
public final class DeadLetterBrowser {

  /** A dead letter's metadata and, if it was redriven, the audit entry of that. */
  public record Row(DeadLetterMetadata letter, AuditEntry redrive) {}

  private final DeadLetterReader reader;
  private final AuditTrail audit;

  public DeadLetterBrowser(DeadLetterReader reader, AuditTrail audit) {
    this.reader = reader;
    this.audit = audit;
  }

  public List<Row> newest(int limit) {
    audit.catchUp();
    return reader.newest(limit).stream()
        .map(DeadLetterDecoder::metadata)
        .map(letter -> new Row(letter, audit.redriveOf(reader.topic(), letter.ref()).orElse(null)))
        .toList();
  }
}
