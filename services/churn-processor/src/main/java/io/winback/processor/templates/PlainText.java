package io.winback.processor.templates;

/**
 * Tidies rendered text. Optional sections leave blank lines behind where they render nothing;
 * the desk and the worklist show text as is, so the layout is settled here once.
 */
final class PlainText {

  private PlainText() {}

  /** No trailing spaces, no leading or doubled blank lines, no trailing newline. */
  static String tidy(String rendered) {
    // One pass over the text, no regex split and no intermediate strings: this runs for every task.
    StringBuilder text = new StringBuilder(rendered.length());
    boolean previousBlank = true;
    int start = 0;
    int length = rendered.length();
    while (start <= length) {
      int newline = rendered.indexOf('\n', start);
      int end = newline < 0 ? length : newline;
      int trimmedEnd = end;
      while (trimmedEnd > start && Character.isWhitespace(rendered.charAt(trimmedEnd - 1))) {
        trimmedEnd--; // also drops the \r of a \r\n line end
      }
      boolean blank = trimmedEnd == start;
      if (!(blank && previousBlank)) {
        text.append(rendered, start, trimmedEnd).append('\n');
      }
      previousBlank = blank;
      start = end + 1;
    }
    int last = text.length();
    while (last > 0 && Character.isWhitespace(text.charAt(last - 1))) {
      last--;
    }
    text.setLength(last);
    return text.toString();
  }
}
