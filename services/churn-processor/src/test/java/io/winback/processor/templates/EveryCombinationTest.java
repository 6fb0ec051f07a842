package io.winback.processor.templates;

import static io.winback.processor.templates.TestContexts.TEMPLATES;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.Goal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every channel × goal × language × attempt renders clean plain text. */
class EveryCombinationTest {

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

  static List<MessageContext> combinations() {
    return TestContexts.everyCombination();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void rendersCleanPlainText(MessageContext context) {
    RenderedMessage message = TEMPLATES.render(context);

    assertClean(message.text());
    if (context.channel() == Channel.EMAIL || context.channel() == Channel.LETTER) {
      assertClean(message.subject());
      assertThat(message.subject()).doesNotContain("\n");
    } else {
      assertThat(message.subject()).isNull();
    }
  }

  // Salutation, sender and reason switch sections on and off; none of them may leave a gap.
  @Test
  void everyVariantRendersCleanPlainText() {
    for (MessageContext context : TestContexts.everyVariant()) {
      RenderedMessage message = TEMPLATES.render(context);
      assertClean(message.text());
      if (message.subject() != null) {
        assertClean(message.subject());
      }
    }
  }

  @Test
  void whatsappMessagesAreTwoToFourSentences() {
    for (MessageContext context : TestContexts.everyVariant()) {
      if (context.channel() != Channel.WHATSAPP) {
        continue;
      }
      List<String> lines = TEMPLATES.render(context).text().lines().toList();
      // Between the salutation line and the two-line signature.
      String body = String.join(" ", lines.subList(1, lines.size() - 2));
      assertThat(sentences(body)).as(context.toString()).isBetween(2, 4);
    }
  }

  @Test
  void germanUmlautsSurviveLoadingAndRendering() {
    String text = TEMPLATES.render(TestContexts.german(Channel.EMAIL, Goal.FEEDBACK))
        .text();

    assertThat(text).contains("Grüßen", "überrascht", "für", "„Glasfaser 250“");
  }

  @Test
  void missingLanguageAndReasonFallBackToGermanAndUnknown() {
    MessageContext german = TestContexts.german(Channel.EMAIL, Goal.WIN_BACK);
    MessageContext noLanguage = new MessageContext(german.channel(), german.goal(), null,
        german.salutation(), german.firstName(), german.lastName(), german.senderName(),
        german.product(), german.effectiveAt(), null, 1);

    assertThat(TEMPLATES.render(noLanguage).text()).startsWith("Lieber Herr Müller,");
  }

  private static void assertClean(String text) {
    assertThat(text)
        .isNotBlank()
        .doesNotContain("{{")
        .doesNotContain("}}")
        .doesNotContain("null")
        .doesNotContain("&amp;", "&quot;", "&#")
        .doesNotContain("\n\n\n")
        .doesNotContain(" \n")
        .doesNotStartWith("\n")
        .doesNotEndWith("\n");
  }

  private static int sentences(String text) {
    Matcher end = SENTENCE_END.matcher(text);
    int count = 0;
    while (end.find()) {
      count++;
    }
    return count;
  }
}
