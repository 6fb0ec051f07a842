package io.winback.desk.worklist;

/** Where a task stands at the desk. */
public enum TaskStatus {
  /** Waiting: in the worklist, or an email waiting for its due time. */
  OPEN,
  /** An email the SMTP server accepted; the case waits for an answer. */
  SENT,
  /** An outcome was recorded. */
  DONE,
  /** Withdrawn by the processor (the case closed): off the worklist, a scheduled send stops. */
  CANCELLED,
  /** Not executed: no consent (withdrawn, erased, or never known); the reason says which. */
  SUPPRESSED,
  /** The email could not be delivered. */
  FAILED;

  public boolean isOpen() {
    return this == OPEN;
  }
}
