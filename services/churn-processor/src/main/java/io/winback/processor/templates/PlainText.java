package io.winback.processor.templates;

/**
 * Tidies rendered text. Optional sections leave blank lines behind where they render nothing;
 * the desk and the worklist show text as is, so the layout is settled here once.
 */
final class PlainText {

  private PlainText() {}

  /** No trailing spaces, no leading or doubled blank lines, no trailing newline. */
  static String tidy(String rendered) {
    StringBuilder text = new StringBuilder(rendered.length());
    boolean previousBlank = true;
    for (String line : rendered.replace("\r\n", "\n").split("\n", -1)) {
      String trimmed = line.stripTrailing();
      boolean blank = trimmed.isEmpty();
      if (!(blank && previousBlank)) {
        text.append(trimmed).append('\n');
      }
      previousBlank = blank;
    }
    return text.toString().stripTrailing();
  }
}
