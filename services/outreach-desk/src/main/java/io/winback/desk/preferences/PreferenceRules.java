package io.winback.desk.preferences;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the customer's door, as pure functions. One answer per link: the first choice (a
 * channel wish or a free text) stands, a repeat changes nothing, and "no further contact" is always
 * honoured, also after another answer; after it, nothing else is taken.
 */
final class PreferenceRules {

  /** A salutation line is the first line of a written message, as the processor renders it ("Liebe Frau …,"). */
  private static final int LONGEST_SALUTATION = 80;

  private PreferenceRules() {}

  static PreferenceResult decide(List<PreferenceAction> recordedBefore, PreferenceAction wanted) {
    if (recordedBefore.contains(wanted)) {
      return PreferenceResult.REPEATED;
    }
    if (wanted == PreferenceAction.NO_CONTACT) {
      return PreferenceResult.RECORDED;
    }
    return recordedBefore.isEmpty() ? PreferenceResult.RECORDED : PreferenceResult.DECLINED;
  }

  static List<PreferenceAction> with(List<PreferenceAction> recorded, PreferenceAction action) {
    List<PreferenceAction> all = new ArrayList<>(recorded);
    all.add(action);
    return all;
  }

  /**
   * The greeting of the page: the salutation line the processor wrote at the top of the task's
   * message (its templates all begin with it), so the page greets exactly as the email or letter
   * did and the rule of how to address a customer stays in one place; without one, a neutral greeting.
   */
  static String salutation(String message, String language) {
    if (message != null) {
      String first = message.strip().lines().findFirst().orElse("").strip();
      if (!first.isEmpty() && first.length() <= LONGEST_SALUTATION && first.endsWith(",")) {
        return first;
      }
    }
    return "en".equals(language) ? "Hello," : "Guten Tag,";
  }

  /** The free text as it is recorded: trimmed, without control characters (but line breaks), bounded; null if empty. */
  static String cleanText(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String clean = text.replaceAll("\\r\\n?", "\n").replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
    if (clean.isEmpty()) {
      return null;
    }
    return clean.length() <= maxLength ? clean : clean.substring(0, maxLength);
  }
}
