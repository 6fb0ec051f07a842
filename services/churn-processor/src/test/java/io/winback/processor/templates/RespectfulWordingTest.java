package io.winback.processor.templates;

import static io.winback.processor.templates.TestContexts.TEMPLATES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Product rule 4: no template blames or presses the customer. The scan is strict for every file,
 * agent guidance included: the guidance says what to avoid without using the words itself.
 */
class RespectfulWordingTest {

  private static final List<String> BLAMING = List.of(
      "schuld", "vorwurf", "vorwürf", "leider haben sie", "sie hätten", "warum haben sie",
      "fehler gemacht", "enttäuscht von ihnen", "ihr fehler",
      "your fault", "you should have", "why did you", "blame", "you failed",
      "disappointed in you", "accuse");

  private static final List<String> PUSHY = List.of(
      "müssen sie", "sofort", "letzte chance", "nur noch heute", "zögern sie nicht", "unbedingt",
      "nicht verpassen", "jetzt handeln", "bevor es zu spät", "rabatt", "sonderangebot",
      "you must", "last chance", "act now", "immediately", "don't miss", "do not miss",
      "limited time", "only today", "hurry", "don't hesitate", "before it's too late",
      "discount", "special offer");

  @Test
  void noTemplateFileBlamesOrPressesTheCustomer() {
    for (String name : TEMPLATES.templateNames()) {
      assertRespectful(name, TEMPLATES.rawTemplate(name));
    }
  }

  @Test
  void noRenderedMessageBlamesOrPressesTheCustomer() {
    for (MessageContext context : TestContexts.everyVariant()) {
      RenderedMessage message = TEMPLATES.render(context);
      assertRespectful(context.toString(), message.text());
      if (message.subject() != null) {
        assertRespectful(context.toString(), message.subject());
      }
    }
  }

  @Test
  void theScanCatchesPhrasesRegardlessOfCase() {
    assertThat(offending("Das ist nicht Ihre SCHULD. Handeln Sie Sofort!"))
        .containsExactly("schuld", "sofort");
  }

  private static void assertRespectful(String where, String text) {
    assertThat(offending(text)).as(where).isEmpty();
  }

  private static List<String> offending(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return Stream.concat(BLAMING.stream(), PUSHY.stream())
        .filter(lower::contains)
        .toList();
  }
}
