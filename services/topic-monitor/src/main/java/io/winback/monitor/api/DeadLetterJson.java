package io.winback.monitor.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.winback.monitor.deadletters.AuditEntry;
import io.winback.monitor.deadletters.DeadLetter;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import java.time.Instant;
import java.util.List;

/**
 * A dead letter as the API shows it: the decoded value inline as JSON (or base64 and the decode
 * error), every header, and the redrive of it if this instance did one.
 */
public record DeadLetterJson(
    int partition,
    long offset,
    String timestamp,
    String sourceTopic,
    String errorClass,
    String errorMessage,
    String failedAt,
    String service,
    String key,
    @JsonRawValue String value,
    String valueBase64,
    String decodeError,
    List<DeadLetter.Header> deadLetterHeaders,
    List<DeadLetter.Header> headers,
    AuditEntry redrive) {

  static DeadLetterJson of(DeadLetterBrowser.Row row) {
    DeadLetter letter = row.letter();
    return new DeadLetterJson(letter.partition(), letter.offset(), Instant.ofEpochMilli(letter.timestamp()).toString(),
        letter.sourceTopic(), letter.errorClass(), letter.errorMessage(), letter.failedAt(), letter.service(),
        letter.key(), letter.valueJson(), letter.valueBase64(), letter.decodeError(), letter.deadLetterHeaders(),
        letter.otherHeaders(), row.redrive());
  }
}
