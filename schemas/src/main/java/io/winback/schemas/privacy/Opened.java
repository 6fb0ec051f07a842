package io.winback.schemas.privacy;

/** A record as a reader may see it, and how its personal fields came to be what they are. */
public record Opened<T>(T value, Access access) {

  public enum Access {
    /** Nothing was sealed: the record carries its fields in the clear (an older writer) or has none. */
    PLAIN,
    /** The personal fields were sealed and opened with the customer's key. */
    OPENED,
    /** The customer was erased: the personal fields are gone for good, the rest is intact. */
    ERASED
  }

  public boolean erased() {
    return access == Access.ERASED;
  }
}
