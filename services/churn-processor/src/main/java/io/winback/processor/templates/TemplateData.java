package io.winback.processor.templates;

import io.winback.events.CancellationReason;
import io.winback.events.Goal;
import io.winback.events.Language;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values a template sees. Every key is always present and never null, so that the strict
 * compiler turns a misspelt name in a template into an error instead of a silently empty gap.
 */
final class TemplateData {

  private static final DateTimeFormatter GERMAN_DATE =
      DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.GERMAN);
  private static final DateTimeFormatter ENGLISH_DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  private TemplateData() {}

  static Map<String, Object> of(MessageContext context, Language language) {
    Map<String, Object> data = new HashMap<>();
    data.put("salutationLine", Addressing.salutationLine(
        language, context.salutation(), context.firstName(), context.lastName()));
    data.put("spokenName", Addressing.spokenName(
        language, context.salutation(), context.firstName(), context.lastName()));

    String sender = orEmpty(context.senderName());
    data.put("senderName", sender);
    data.put("personal", !sender.isEmpty());

    // Empty strings count as false in sections, so a template can leave out a sentence it
    // cannot complete instead of printing a gap.
    data.put("product", orEmpty(context.product()));
    data.put("effectiveAt", formatDate(context.effectiveAt(), language));

    data.put("winBack", context.goal() == Goal.WIN_BACK);
    data.put("feedback", context.goal() == Goal.FEEDBACK);
    data.put("firstContact", context.attempt() == 1);
    data.put("followUp", context.attempt() > 1);
    data.put("reason", reasonFlags(context.reason()));
    return data;
  }

  static String formatDate(LocalDate date, Language language) {
    if (date == null) {
      return "";
    }
    return (language == Language.en ? ENGLISH_DATE : GERMAN_DATE).format(date);
  }

  /** One flag per reason, so templates can ask {{#reason.PRICE}} without any logic in Java. */
  private static Map<String, Boolean> reasonFlags(CancellationReason reason) {
    CancellationReason known = reason == null ? CancellationReason.UNKNOWN : reason;
    Map<String, Boolean> flags = new HashMap<>();
    for (CancellationReason each : CancellationReason.values()) {
      flags.put(each.name(), each == known);
    }
    return flags;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value.strip();
  }
}
