package io.winback.processor.templates;

import static io.winback.processor.templates.TestContexts.MANAGER;
import static io.winback.processor.templates.TestContexts.TEMPLATES;
import static io.winback.processor.templates.TestContexts.english;
import static io.winback.processor.templates.TestContexts.followUp;
import static io.winback.processor.templates.TestContexts.german;
import static io.winback.processor.templates.TestContexts.withDate;
import static io.winback.processor.templates.TestContexts.withoutSender;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.Goal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Email and letter wording, checked against the article's example email. */
class WrittenMessagesTest {

  @Test
  void germanEmailSubjectIsTheArticlesSubject() {
    for (Goal goal : Goal.values()) {
      assertThat(TEMPLATES.render(german(Channel.EMAIL, goal)).subject())
          .isEqualTo("Ihre Entscheidung – ein offenes Gespräch");
    }
  }

  @Test
  void englishEmailSubjectIsTheTranslatedSubject() {
    for (Goal goal : Goal.values()) {
      assertThat(TEMPLATES.render(english(Channel.EMAIL, goal)).subject())
          .isEqualTo("Your decision – an open conversation");
    }
  }

  @Test
  void germanEmailFollowsTheArticleAndIsSignedByTheAccountManager() {
    String text = TEMPLATES.render(german(Channel.EMAIL, Goal.WIN_BACK)).text();

    assertThat(text)
        .startsWith("Lieber Herr Müller,\n\nzunächst möchte ich mich bei Ihnen für die bisherige"
            + " Zusammenarbeit bedanken.")
        .contains("Ihre Kündigung hat mich überrascht")
        .contains("Ich respektiere Ihre Entscheidung")
        .contains("würde jedoch gerne verstehen, ob es etwas gab,"
            + " das wir hätten besser machen können")
        .contains("Wenn Sie möchten, lade ich Sie herzlich zu einem Gespräch ein")
        .endsWith("Mit besten Grüßen\n" + MANAGER);
  }

  @Test
  void germanEmailWithoutAccountManagerSpeaksAsTheTeam() {
    String text = TEMPLATES.render(withoutSender(german(Channel.EMAIL, Goal.WIN_BACK))).text();

    assertThat(text)
        .contains("zunächst möchten wir uns bei Ihnen für die bisherige Zusammenarbeit bedanken")
        .contains("Ihre Kündigung hat uns überrascht")
        .contains("Wir respektieren Ihre Entscheidung")
        .contains("laden wir Sie herzlich zu einem Gespräch ein")
        .endsWith("Mit besten Grüßen\nIhr Kundenservice-Team")
        .doesNotContainPattern("(?i)\\b(ich|mich|mir)\\b")
        .doesNotContain("Winback");
  }

  @Test
  void englishEmailFollowsTheSameStructure() {
    String text = TEMPLATES.render(english(Channel.EMAIL, Goal.WIN_BACK)).text();

    assertThat(text)
        .startsWith("Dear Ms Smith,\n\nFirst of all, I would like to thank you for working with us")
        .contains("Your cancellation came as a surprise to me")
        .contains("I respect your decision")
        .contains("I would like to understand whether there was anything we could have done better")
        .contains("If you would like, I warmly invite you to a conversation")
        .endsWith("Kind regards\n" + MANAGER);
  }

  @Test
  void englishEmailWithoutAccountManagerSpeaksAsTheTeam() {
    String text = TEMPLATES.render(withoutSender(english(Channel.EMAIL, Goal.WIN_BACK))).text();

    assertThat(text)
        .contains("we would like to thank you")
        .contains("We respect your decision")
        .endsWith("Kind regards\nYour customer care team")
        .doesNotContainPattern("\\b(I|me|my)\\b");
  }

  @ParameterizedTest
  @EnumSource(names = {"EMAIL", "LETTER", "WHATSAPP"})
  void winBackInvitesToFindASolutionAndFeedbackDisclaimsAnySalesIntention(Channel channel) {
    String germanWinBack = TEMPLATES.render(german(channel, Goal.WIN_BACK)).text();
    String germanFeedback = TEMPLATES.render(german(channel, Goal.FEEDBACK)).text();
    String englishWinBack = TEMPLATES.render(english(channel, Goal.WIN_BACK)).text();
    String englishFeedback = TEMPLATES.render(english(channel, Goal.FEEDBACK)).text();

    assertThat(germanWinBack).contains("ob wir gemeinsam eine Lösung finden")
        .doesNotContain("umzustimmen");
    assertThat(germanFeedback).contains("Es geht uns nicht darum, Sie umzustimmen")
        .doesNotContain("Lösung");
    assertThat(englishWinBack).contains("whether we can find a way to continue together")
        .doesNotContain("change your mind");
    assertThat(englishFeedback).contains("We are not trying to change your mind")
        .doesNotContain("continue together");
  }

  @ParameterizedTest
  @EnumSource(names = {"EMAIL", "LETTER", "WHATSAPP"})
  void followUpRefersGentlyToTheEarlierMessageAndNeedsNoAnswer(Channel channel) {
    String german = TEMPLATES.render(followUp(german(channel, Goal.WIN_BACK))).text();
    String english = TEMPLATES.render(followUp(english(channel, Goal.FEEDBACK))).text();

    assertThat(german).contains("vor einigen Tagen hatten wir Ihnen geschrieben")
        .contains("Sie brauchen")
        .contains("nicht zu antworten")
        .doesNotContain("zunächst möchte ich");
    assertThat(english).contains("A few days ago we wrote to you")
        .contains("You need not reply")
        .doesNotContain("First of all");
  }

  @Test
  void letterHasASubjectLineAndOnlyTheBody() {
    RenderedMessage letter = TEMPLATES.render(german(Channel.LETTER, Goal.FEEDBACK));

    assertThat(letter.subject()).isEqualTo("Ihre Entscheidung – ein offenes Gespräch");
    assertThat(letter.text()).startsWith("Lieber Herr Müller,")
        .contains("Kontaktdaten im Briefkopf")
        .endsWith("Mit besten Grüßen\n" + MANAGER);
  }

  @Test
  void contractEndIsWrittenInTheLanguagesDateFormat() {
    LocalDate fifthOfMarch = LocalDate.of(2027, 3, 5);

    assertThat(TEMPLATES.render(german(Channel.EMAIL, Goal.WIN_BACK)).text())
        .contains("Ihr Vertrag „Glasfaser 250“ endet wie gewünscht am 31.01.2027");
    assertThat(TEMPLATES.render(english(Channel.EMAIL, Goal.WIN_BACK)).text())
        .contains("Your “Glasfaser 250” contract ends as requested on 31 January 2027");
    MessageContext germanLetter = withDate(german(Channel.LETTER, Goal.FEEDBACK), fifthOfMarch);
    MessageContext englishLetter = withDate(english(Channel.LETTER, Goal.FEEDBACK), fifthOfMarch);
    assertThat(TEMPLATES.render(germanLetter).text()).contains("am 05.03.2027");
    assertThat(TEMPLATES.render(englishLetter).text()).contains("on 5 March 2027");
  }

  // Without a known contract end the sentence is left out rather than printed half-empty.
  @Test
  void contractEndSentenceIsLeftOutWhenTheDateIsUnknown() {
    String text = TEMPLATES.render(withDate(german(Channel.EMAIL, Goal.WIN_BACK), null)).text();

    assertThat(text).doesNotContain("Ihr Vertrag").doesNotContain("am \n");
  }
}
