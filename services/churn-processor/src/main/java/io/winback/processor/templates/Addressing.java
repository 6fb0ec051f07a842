package io.winback.processor.templates;

import io.winback.events.Language;
import io.winback.events.Salutation;

/** How a customer is addressed: the written salutation line and the name spoken in a script. */
final class Addressing {

  private Addressing() {}

  static String salutationLine(
      Language language, Salutation salutation, String firstName, String lastName) {
    boolean english = language == Language.en;
    String name = spokenName(language, salutation, firstName, lastName);
    if (name.isEmpty()) {
      return english ? "Hello," : "Guten Tag,";
    }
    return switch (formOfAddress(salutation)) {
      case MR -> english ? "Dear %s,".formatted(name) : "Lieber %s,".formatted(name);
      case MS -> english ? "Dear %s,".formatted(name) : "Liebe %s,".formatted(name);
      case NONE -> english ? "Dear %s,".formatted(name) : "Guten Tag %s,".formatted(name);
    };
  }

  /**
   * "Herr Müller", "Ms Smith", "Max Müller"; empty when the needed name is missing, because
   * "Herr" alone or a formal salutation with a first name would sound wrong.
   */
  static String spokenName(
      Language language, Salutation salutation, String firstName, String lastName) {
    boolean english = language == Language.en;
    String last = clean(lastName);
    return switch (formOfAddress(salutation)) {
      case MR -> last.isEmpty() ? "" : (english ? "Mr %s" : "Herr %s").formatted(last);
      case MS -> last.isEmpty() ? "" : (english ? "Ms %s" : "Frau %s").formatted(last);
      case NONE -> String.join(" ", clean(firstName), last).strip();
    };
  }

  private static Salutation formOfAddress(Salutation salutation) {
    return salutation == null ? Salutation.NONE : salutation;
  }

  private static String clean(String name) {
    return name == null ? "" : name.strip();
  }
}
