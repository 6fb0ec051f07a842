package io.winback.desk.preferences;

import java.util.Locale;

/** What came of a request at the customer's door (the audit's and the metric's result). */
public enum PreferenceResult {
  /** The page was shown. */
  SHOWN,
  /** The choice was recorded and goes to the processor. */
  RECORDED,
  /** The same choice was recorded before: nothing changed. */
  REPEATED,
  /** Another answer is already recorded for this link (or "no further contact"): nothing changed. */
  DECLINED,
  /** The token was expired, altered or unknown, or its task is gone or its customer erased. */
  INVALID,
  /** Too many requests for this link or from this address. */
  THROTTLED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
