package io.winback.desk.mail;

import java.util.regex.Pattern;

/** SMTP errors quote addresses; logs must not carry personal data, so they are masked first. */
final class Redacted {

  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d /-]{6,}\\d");

  private Redacted() {}

  static String of(String text) {
    if (text == null) {
      return null;
    }
    return PHONE.matcher(EMAIL.matcher(text).replaceAll("<address>")).replaceAll("<number>");
  }
}
