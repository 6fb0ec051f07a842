package io.winback.monitor.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.winback.monitor.deadletters.DeadLetter;
import java.util.List;

/**
 * A revealed dead letter (OPS_ADMIN, audited): its metadata, the decoded value inline as JSON (or
 * base64 and the decode error), the key and every header. {@code valueState} says how the value
 * came to be shown: PLAIN, OPENED (sealed with the customer's key), or not at all, with
 * {@code valueNote} saying why: ERASED, KEY_NOT_AVAILABLE, SEAL_BROKEN, DROPPED, NO_VALUE.
 */
public record DeadLetterJson(
    DeadLetterMetadataJson metadata,
    String key,
    @JsonRawValue String value,
    String valueBase64,
    String decodeError,
    String valueState,
    String valueNote,
    List<DeadLetter.Header> deadLetterHeaders,
    List<DeadLetter.Header> headers) {

  static DeadLetterJson of(DeadLetter letter) {
    return new DeadLetterJson(DeadLetterMetadataJson.of(letter.metadata(), null), letter.key(), letter.valueJson(),
        letter.valueBase64(), letter.decodeError(), letter.valueState().name(), letter.valueNote(),
        letter.deadLetterHeaders(), letter.otherHeaders());
  }
}
