package io.winback.monitor.deadletters;

import java.util.List;

/** The newest dead letters, decoded, with their redrive if any monitor did one. */
public final class DeadLetterBrowser {

  /** A dead letter and, if it was redriven here, the audit entry of that. */
  public record Row(DeadLetter letter, AuditEntry redrive) {}

  private final DeadLetterReader reader;
  private final AuditTrail audit;

  public DeadLetterBrowser(DeadLetterReader reader, AuditTrail audit) {
    this.reader = reader;
    this.audit = audit;
  }

  public List<Row> newest(int limit) {
    audit.catchUp();
    return reader.newest(limit).stream()
        .map(DeadLetterDecoder::decode)
        .map(letter -> new Row(letter,
            audit.redriveOf(reader.topic(), new DeadLetterRef(letter.partition(), letter.offset())).orElse(null)))
        .toList();
  }
}
