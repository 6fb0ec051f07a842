package io.winback.monitor.deadletters;

import java.util.List;

/** The newest dead letters, decoded, with what this instance already redrove of them. */
public final class DeadLetterBrowser {

  /** A dead letter and, if it was redriven here, the audit entry of that. */
  public record Row(DeadLetter letter, AuditEntry redrive) {}

  private final DeadLetterReader reader;
  private final RedriveAudit audit;

  public DeadLetterBrowser(DeadLetterReader reader, RedriveAudit audit) {
    this.reader = reader;
    this.audit = audit;
  }

  public List<Row> newest(int limit) {
    return reader.newest(limit).stream()
        .map(DeadLetterDecoder::decode)
        .map(letter -> new Row(letter,
            audit.redriveOf(new DeadLetterRef(letter.partition(), letter.offset())).orElse(null)))
        .toList();
  }
}
