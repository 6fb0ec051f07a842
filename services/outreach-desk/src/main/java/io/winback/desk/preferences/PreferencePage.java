package io.winback.desk.preferences;

import java.util.List;

/**
 * What the customer's page shows: the result of this request, the language, the salutation (the
 * only personal data on it), the choices recorded for the link so far, and whether the customer's
 * consent allows a call or a visit (else a wish for one is "noted", never promised).
 */
public record PreferencePage(PreferenceResult result, String language, String salutation,
    List<PreferenceAction> recorded, boolean phoneConsent, boolean visitConsent) {

  public PreferencePage {
    recorded = recorded == null ? List.of() : List.copyOf(recorded);
  }

  static PreferencePage invalid() {
    return new PreferencePage(PreferenceResult.INVALID, null, null, List.of(), false, false);
  }

  public boolean valid() {
    return result != PreferenceResult.INVALID && result != PreferenceResult.THROTTLED;
  }

  /** The customer said "no further contact": nothing else is offered any more. */
  public boolean noContact() {
    return recorded.contains(PreferenceAction.NO_CONTACT);
  }

  /** The answer that stands: "no further contact" if given, else the first one recorded; null for none. */
  public PreferenceAction answer() {
    if (noContact()) {
      return PreferenceAction.NO_CONTACT;
    }
    return recorded.isEmpty() ? null : recorded.get(0);
  }

  /** The message key that confirms the standing answer back to the customer. */
  public String confirmationKey() {
    PreferenceAction answer = answer();
    if (answer == null) {
      return null;
    }
    return switch (answer) {
      case PHONE -> phoneConsent ? "pref.done.phone" : "pref.done.noted";
      case IN_PERSON -> visitConsent ? "pref.done.in_person" : "pref.done.noted";
      default -> "pref.done." + answer.code();
    };
  }
}
