package io.winback.processor.templates;

import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Language;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file layout below the templates folder: {@code <channel>/<goal>.<language>.mustache} for the
 * text, {@code <channel>/<goal>.subject.<language>.mustache} for the subject of EMAIL and LETTER,
 * and partials included as {@code {{> folder/name}}} from {@code folder/name.mustache}.
 */
final class TemplateNames {

  static final String SUFFIX = ".mustache";

  private static final Set<Channel> CHANNELS_WITH_SUBJECT =
      EnumSet.of(Channel.EMAIL, Channel.LETTER);
  private static final Pattern PARTIAL_TAG = Pattern.compile("\\{\\{>\\s*([^}\\s]+)\\s*}}");

  private TemplateNames() {}

  static boolean hasSubject(Channel channel) {
    return CHANNELS_WITH_SUBJECT.contains(channel);
  }

  static String text(Channel channel, Goal goal, Language language) {
    return name(channel, goal, "", language);
  }

  static String subject(Channel channel, Goal goal, Language language) {
    return name(channel, goal, ".subject", language);
  }

  /** Every text and subject file a render may ask for. */
  static List<String> entryPoints() {
    List<String> names = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      for (Goal goal : Goal.values()) {
        for (Language language : Language.values()) {
          names.add(text(channel, goal, language));
          if (hasSubject(channel)) {
            names.add(subject(channel, goal, language));
          }
        }
      }
    }
    return names;
  }

  /** The files a template includes, e.g. "partials/signature.de.mustache". */
  static List<String> includedBy(String templateText) {
    List<String> names = new ArrayList<>();
    Matcher tag = PARTIAL_TAG.matcher(templateText);
    while (tag.find()) {
      names.add(partial(tag.group(1)));
    }
    return names;
  }

  /** The file behind a partial tag: "partials/signature.de" is "partials/signature.de.mustache". */
  static String partial(String tagName) {
    return tagName + SUFFIX;
  }

  private static String name(Channel channel, Goal goal, String part, Language language) {
    return "%s/%s%s.%s%s".formatted(
        channel.name().toLowerCase(Locale.ROOT),
        goal.name().toLowerCase(Locale.ROOT),
        part,
        language.name(),
        SUFFIX);
  }
}
