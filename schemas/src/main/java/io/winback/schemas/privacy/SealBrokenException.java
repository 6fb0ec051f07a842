package io.winback.schemas.privacy;

/**
 * Sealed fields that do not open with the customer's key: tampered with, sealed for another
 * customer or record, or with another key. Nothing of them is returned; the record is bad input
 * (the dead-letter topic), not personal data to show.
 */
public class SealBrokenException extends RuntimeException {

  public SealBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
