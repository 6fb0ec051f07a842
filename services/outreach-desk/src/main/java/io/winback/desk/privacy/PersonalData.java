package io.winback.desk.privacy;

/** What became of a record's personal fields when the desk went to read them. */
public enum PersonalData {
  /** Never sealed: an older processor's task (v1), fields in the clear as stored. */
  PLAIN,
  /** Sealed, and opened with the customer's key. */
  OPENED,
  /** The customer was erased: the fields are gone for good; ids, statuses and dates remain. */
  ERASED,
  /** Sealed with a key the desk's key ring has not seen yet: shown without them for now. */
  PENDING_KEY,
  /** Sealed, and the seal does not open (tampered with, or another key): nothing of it is shown. */
  UNREADABLE;

  /** Whether the personal fields are there to be used. */
  public boolean available() {
    return this == PLAIN || this == OPENED;
  }
}
