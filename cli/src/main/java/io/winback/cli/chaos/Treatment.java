package io.winback.cli.chaos;

/** What happens to one valid cancellation besides being fed; at most one per cancellation, so each count is exact. */
public enum Treatment {
  /** Fed, with the customer's CRM data a little before it. */
  PLAIN,
  /** The same event (same eventId, same bytes) delivered a second time a little later. */
  DUPLICATED,
  /** The customer's CRM data arrives some seconds after the cancellation. */
  LATE_CRM,
  /** The customer withdraws consent (every channel; every other one also asks not to be contacted) right after. */
  CONSENT_WITHDRAWN,
  /** Billing reports a withdrawal of the cancellation some seconds later. */
  CANCELLATION_WITHDRAWN
}
