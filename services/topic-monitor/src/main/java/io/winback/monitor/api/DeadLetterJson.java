package io.winback.monitor.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.winback.monitor.deadletters.DeadLetter;
import java.util.List;

/**
 * A revealed dead letter (OPS_ADMIN, audited): its metadata, the decoded value inline as JSON (or
 * base64 and the decode error), the key and every header.
 */
public record DeadLetterJson(
    DeadLetterMetadataJson metadata,
    String key,
    @JsonRawValue String value,
    String valueBase64,
    String decodeError,
    List<DeadLetter.Header> deadLetterHeaders,
    List<DeadLetter.Header> headers) {

  static DeadLetterJson of(DeadLetter letter) {
    return new DeadLetterJson(DeadLetterMetadataJson.of(letter.metadata(), null), letter.key(), letter.valueJson(),
        letter.valueBase64(), letter.decodeError(), letter.deadLetterHeaders(), letter.otherHeaders());
  }
}
