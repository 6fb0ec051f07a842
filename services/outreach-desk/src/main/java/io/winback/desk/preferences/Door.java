package io.winback.desk.preferences;

import java.util.Locale;

/** Where the customer's request came in. */
public enum Door {
  /** The preference page /p/{token}. */
  PAGE,
  /** RFC 8058's one-click POST to /p/{token}/unsubscribe, from the customer's mailbox provider. */
  ONE_CLICK,
  /** A mail to the mailto unsubscribe address with the subject unsubscribe-{token}. */
  MAIL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
