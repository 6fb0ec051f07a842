package io.winback.cli.replay;

/** Why a cancellation record was read but not decided; each is counted and printed. */
public enum Skip {
  WITHDRAWAL("withdrawal(s): they close a case, they open none"),
  DUPLICATE("re-delivered cancellation(s): the processor opens one case per event id"),
  ERASED("of erased customer(s): the CRM published a tombstone for them"),
  NO_CRM_DATA("of customer(s) without CRM data: the processor waits for it and contacts nobody"),
  UNDECODABLE("record(s) the processor dead-letters: no readable CancellationEvent, or one that breaks a rule the "
      + "schema cannot check (EventChecks: blank ids, a key that does not match, a contract end before the "
      + "cancellation)"),
  REFUSED("the policy could not decide (invalid data; the processor dead-letters such records)");

  private final String description;

  Skip(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
