package io.winback.schemas.privacy;

/**
 * Sealed fields of a customer whose key this service has not seen (yet): not erased, not known.
 * A reader waits for its copy of winback.keys.v1 to catch up; one that never does has bad input.
 */
public class KeyMissingException extends RuntimeException {

  public KeyMissingException(String customerId) {
    super("no key for customer " + customerId + " on winback.keys.v1 (yet)");
  }
}
