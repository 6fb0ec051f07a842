package io.winback.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The rationale lines are written here in English; German-speaking agents read them on the outreach
 * desk's German pages, which have a line per rule id. A new rule without its German line would show
 * up in English there, so every rule id the policy can produce must be in the desk's bundle.
 */
class GermanRationaleLinesTest {

  private static final Path DESK_BUNDLE =
      Path.of("../services/outreach-desk/src/main/resources/i18n/messages_de.properties");

  @Test
  void everyRuleIdHasAGermanLineOnTheDesk() throws IOException {
    Properties german = new Properties();
    try (Reader reader = Files.newBufferedReader(DESK_BUNDLE, StandardCharsets.UTF_8)) {
      german.load(reader);
    }

    assertThat(ruleIds()).hasSizeGreaterThan(30).allSatisfy(ruleId ->
        assertThat(german.getProperty("rationale." + ruleId)).as("German line for %s", ruleId).isNotBlank());
  }

  private static List<String> ruleIds() {
    List<String> ids = new ArrayList<>();
    for (Field field : RuleIds.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          ids.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    for (Channel channel : Channel.values()) {
      ids.add(RuleIds.eligible(channel));
      ids.add(RuleIds.noConsentFor(channel));
      ids.add(RuleIds.noContactDataFor(channel));
      ids.add(RuleIds.alreadyUsed(channel));
    }
    return ids;
  }
}
