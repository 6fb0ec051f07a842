package io.winback.monitor.deadletters;

import io.winback.schemas.privacy.DeadLetterContents;
import java.util.List;

/**
 * A dead letter revealed: its metadata and its payload decoded for an operator. Only
 * {@link DeadLetterReveal} makes one, after it has audited who sees it.
 *
 * @param key the original key, decoded with the source topic's key serde where possible
 * @param valueJson the original value in Winback's JSON form, decoded with the source topic's
 *     serde; null when it could not be decoded (then {@code valueBase64} and {@code decodeError}),
 *     or when there is nothing to show ({@code valueState} says why)
 * @param valueState how the value came to be shown or not: in the clear, opened with the
 *     customer's key, erased, not available yet, a seal that does not open, dropped by its writer
 * @param valueNote why nothing is shown, for the operator; null when the value is shown
 * @param deadLetterHeaders the winback.dlq.* headers: where it came from and why it failed
 * @param otherHeaders the original record's own headers, which a redrive carries along
 */
public record DeadLetter(
    DeadLetterMetadata metadata,
    String key,
    String valueJson,
    String valueBase64,
    String decodeError,
    DeadLetterContents.State valueState,
    String valueNote,
    List<Header> deadLetterHeaders,
    List<Header> otherHeaders) {

  /** A header as text; values that are not UTF-8 are shown as {@code base64:...}. */
  public record Header(String name, String value) {}

  public boolean decoded() {
    return valueJson != null;
  }

  /** Whether the value was sealed with the customer's key and opened for this reveal. */
  public boolean opened() {
    return valueState == DeadLetterContents.State.OPENED;
  }

  /** Whether the value's bytes were there to decode (in the clear or opened). */
  public boolean readable() {
    return valueState == DeadLetterContents.State.PLAIN || valueState == DeadLetterContents.State.OPENED;
  }
}
