package io.winback.processor.templates;

import static io.winback.processor.templates.TestContexts.TEMPLATES;
import static io.winback.processor.templates.TestContexts.english;
import static io.winback.processor.templates.TestContexts.followUp;
import static io.winback.processor.templates.TestContexts.german;
import static io.winback.processor.templates.TestContexts.withReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationReason;
import io.winback.events.Channel;
import io.winback.events.Goal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call script for agents and the meeting script for account managers. */
class ScriptsTest {

  private static final String GERMAN_PHONE_OPENING = "„Guten Tag, Herr Müller. Ich wollte mich bei"
      + " Ihnen melden, um mich für die bisherige Zusammenarbeit zu bedanken. Ihre Kündigung hat"
      + " mich überrascht, und ich würde gerne verstehen, ob es etwas gibt, das wir hätten besser"
      + " machen können. Ihre Meinung ist mir sehr wichtig.“";
  private static final String ENGLISH_PHONE_OPENING = "“Hello, Ms Smith. I wanted to get in touch"
      + " to thank you for working with us so far.";
  private static final String GERMAN_MEETING_OPENING = "„Vielen Dank, dass Sie sich die Zeit für"
      + " ein Gespräch genommen haben. Ich wollte persönlich mit Ihnen sprechen, da mir Ihre"
      + " Meinung wichtig ist. Gibt es etwas, das wir in Zukunft besser machen könnten? Ich freue"
      + " mich über Ihr Feedback.“";
  private static final String ENGLISH_MEETING_OPENING = "“Thank you for taking the time to talk"
      + " with me.";
  private static final String OPEN_QUESTION =
      "- (Wie|Was|Welche|Unter welchen|How|What|Which|Under what) .*";

  @Test
  void phoneScriptOpensWithTheArticlesLine() {
    assertThat(TEMPLATES.render(german(Channel.PHONE, Goal.WIN_BACK)).text())
        .contains(GERMAN_PHONE_OPENING);
    assertThat(TEMPLATES.render(english(Channel.PHONE, Goal.FEEDBACK)).text())
        .contains(ENGLISH_PHONE_OPENING);
  }

  @Test
  void phoneFollowUpMentionsTheEarlierMessageAndLetsTheCustomerDecline() {
    assertThat(TEMPLATES.render(followUp(german(Channel.PHONE, Goal.WIN_BACK))).text())
        .contains("Vor einigen Tagen hatten wir Ihnen geschrieben")
        .contains("Wenn Sie lieber nicht darüber sprechen möchten, ist das völlig in Ordnung.");
    assertThat(TEMPLATES.render(followUp(english(Channel.PHONE, Goal.WIN_BACK))).text())
        .contains("A few days ago we wrote to you")
        .contains("If you would rather not talk about it, that is perfectly fine.");
  }

  // Open questions start with a question word; "Haben Sie ...?" would invite a mere yes or no.
  @Test
  void scriptsAskThreeToFiveOpenQuestionsForEveryGoalReasonAndLanguage() {
    for (MessageContext context : TestContexts.everyVariant()) {
      if (context.channel() != Channel.PHONE && context.channel() != Channel.IN_PERSON) {
        continue;
      }
      List<String> questions = questions(TEMPLATES.render(context).text());

      assertThat(questions).as(context.toString()).hasSizeBetween(3, 5)
          .allMatch(question -> question.matches(OPEN_QUESTION), "starts with a question word");
    }
  }

  @Test
  void priceReasonAsksWhatWouldHaveFeltFairWithoutOfferingAnything() {
    String text = TEMPLATES.render(german(Channel.PHONE, Goal.WIN_BACK)).text();

    assertThat(text).contains("- Was hätte den Preis für Sie fair erscheinen lassen?")
        .contains("verhandeln Sie keine Preise oder Konditionen");
    assertThat(TEMPLATES.render(withReason(german(Channel.PHONE, Goal.WIN_BACK),
        CancellationReason.UNKNOWN)).text()).doesNotContain("Preis für Sie");
  }

  @Test
  void phoneScriptCarriesTheArticlesDosAndDonts() {
    assertThat(TEMPLATES.render(german(Channel.PHONE, Goal.FEEDBACK)).text())
        .contains("Das hilft (Do's)")
        .contains("Überlegen Sie sich vorab, was Sie sagen möchten")
        .contains("aktiv zuhören")
        .contains("Die Entscheidung respektieren")
        .contains("Nie drängen")
        .contains("Das vermeiden (Don'ts)")
        .contains("Vorhaltungen oder Verantwortung zuweisen")
        .contains("Möchte der Kunde nicht sprechen, bedanken Sie sich, beenden Sie das Gespräch"
            + " freundlich und erfassen Sie DECLINED.")
        .contains("Emotionale Ausbrüche");
    assertThat(TEMPLATES.render(english(Channel.PHONE, Goal.FEEDBACK)).text())
        .contains("Do's")
        .contains("listen actively")
        .contains("Never press")
        .contains("Don'ts")
        .contains("if the customer does not want to talk, thank them, end the conversation kindly"
            + " and record DECLINED")
        .contains("Emotional outbursts");
  }

  @Test
  void meetingScriptOpensWithTheArticlesLineAndNamesTheCasesGoal() {
    assertThat(TEMPLATES.render(german(Channel.IN_PERSON, Goal.WIN_BACK)).text())
        .contains(GERMAN_MEETING_OPENING)
        .contains("Ziel: Rückgewinnung")
        .contains("ein Café oder einen vereinbarten Termin im Büro")
        .contains("Fühlt sich der Kunde unwohl, beenden Sie das Gespräch freundlich");
    assertThat(TEMPLATES.render(german(Channel.IN_PERSON, Goal.FEEDBACK)).text())
        .contains(GERMAN_MEETING_OPENING)
        .contains("Ziel: nur Feedback")
        .contains("Es gibt keine Verkaufsabsicht")
        .doesNotContain("Rückgewinnung");
    assertThat(TEMPLATES.render(english(Channel.IN_PERSON, Goal.WIN_BACK)).text())
        .contains(ENGLISH_MEETING_OPENING)
        .contains("goal: win back")
        .contains("If the customer feels uncomfortable, end the conversation kindly");
    assertThat(TEMPLATES.render(english(Channel.IN_PERSON, Goal.FEEDBACK)).text())
        .contains("goal: feedback only")
        .doesNotContain("win back");
  }

  @Test
  void scriptsShowTheFactsTheAgentNeeds() {
    assertThat(TEMPLATES.render(german(Channel.PHONE, Goal.WIN_BACK)).text())
        .contains("- Gesprächspartner: Herr Müller")
        .contains("- Vertrag: „Glasfaser 250“")
        .contains("- Vertragsende: 31.01.2027")
        .contains("- Kündigungsgrund: Preis");
    assertThat(TEMPLATES.render(english(Channel.IN_PERSON, Goal.WIN_BACK)).text())
        .contains("- Contract ends: 31 January 2027")
        .contains("- Reason for cancelling: price");
  }

  private static List<String> questions(String script) {
    return script.lines().filter(line -> line.endsWith("?")).toList();
  }
}
