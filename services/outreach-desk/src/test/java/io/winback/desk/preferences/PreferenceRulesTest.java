package io.winback.desk.preferences;

import static io.winback.desk.preferences.PreferenceAction.FEEDBACK;
import static io.winback.desk.preferences.PreferenceAction.IN_PERSON;
import static io.winback.desk.preferences.PreferenceAction.NO_CONTACT;
import static io.winback.desk.preferences.PreferenceAction.PHONE;
import static io.winback.desk.preferences.PreferenceAction.WRITTEN_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CustomerChoice;
import io.winback.events.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferenceRulesTest {

  @Test
  void theFirstAnswerIsRecordedARepeatChangesNothingAndAnotherAnswerIsDeclined() {
    assertThat(PreferenceRules.decide(List.of(), PHONE)).isEqualTo(PreferenceResult.RECORDED);
    assertThat(PreferenceRules.decide(List.of(PHONE), PHONE)).isEqualTo(PreferenceResult.REPEATED);
    assertThat(PreferenceRules.decide(List.of(PHONE), IN_PERSON)).isEqualTo(PreferenceResult.DECLINED);
    assertThat(PreferenceRules.decide(List.of(FEEDBACK), WRITTEN_ONLY)).isEqualTo(PreferenceResult.DECLINED);
  }

  @Test
  void noFurtherContactIsAlwaysHonouredAndAfterItNothingElseIsTaken() {
    assertThat(PreferenceRules.decide(List.of(PHONE), NO_CONTACT)).isEqualTo(PreferenceResult.RECORDED);
    assertThat(PreferenceRules.decide(List.of(NO_CONTACT), NO_CONTACT)).isEqualTo(PreferenceResult.REPEATED);
    for (PreferenceAction other : List.of(WRITTEN_ONLY, PHONE, IN_PERSON, FEEDBACK)) {
      assertThat(PreferenceRules.decide(List.of(NO_CONTACT), other)).as("%s after no", other)
          .isEqualTo(PreferenceResult.DECLINED);
    }
  }

  @Test
  void eachActionIsPublishedAsTheContractWithTheProcessorSays() {
    assertThat(NO_CONTACT.outcome()).isEqualTo(Outcome.DO_NOT_CONTACT);
    assertThat(NO_CONTACT.choice()).isEqualTo(CustomerChoice.NO_CONTACT);
    assertThat(List.of(WRITTEN_ONLY, PHONE, IN_PERSON)).extracting(PreferenceAction::outcome).containsOnly(Outcome.REACHED);
    assertThat(List.of(WRITTEN_ONLY, PHONE, IN_PERSON)).extracting(PreferenceAction::choice)
        .containsExactly(CustomerChoice.WRITTEN_ONLY, CustomerChoice.PHONE, CustomerChoice.IN_PERSON);
    assertThat(FEEDBACK.outcome()).isEqualTo(Outcome.FEEDBACK_RECEIVED);
    assertThat(FEEDBACK.choice()).isNull();
    assertThat(NO_CONTACT.feedbackId("task-1")).isEqualTo("fb-pref-no-contact-task-1");
    assertThat(PreferenceAction.ofChoice("PHONE")).isEqualTo(PHONE);
    assertThat(PreferenceAction.ofChoice("NONE")).isNull();
    assertThat(PreferenceAction.ofChoice("<script>")).isNull();
  }

  @Test
  void thePageGreetsWithTheProcessorsSalutationLineAndOtherwiseNeutrally() {
    assertThat(PreferenceRules.salutation("Liebe Frau Schmidt,\n\nvielen Dank …", "de")).isEqualTo("Liebe Frau Schmidt,");
    assertThat(PreferenceRules.salutation("Dear Mr Brown,\n\nthank you …", "en")).isEqualTo("Dear Mr Brown,");
    assertThat(PreferenceRules.salutation(null, "de")).isEqualTo("Guten Tag,");
    assertThat(PreferenceRules.salutation("", "en")).isEqualTo("Hello,");
    // A first line that is no salutation (an agent's script) is not shown.
    assertThat(PreferenceRules.salutation("Ask open questions and listen.\nMore.", "en")).isEqualTo("Hello,");
  }

  @Test
  void theFreeTextIsTrimmedBoundedAndWithoutControlCharacters() {
    assertThat(PreferenceRules.cleanText("  \r\n ", 10)).isNull();
    assertThat(PreferenceRules.cleanText(null, 10)).isNull();
    assertThat(PreferenceRules.cleanText(" Zu\u0000 teuer\r\nDanke ", 100)).isEqualTo("Zu teuer\nDanke");
    assertThat(PreferenceRules.cleanText("x".repeat(50), 20)).hasSize(20);
  }

  @Test
  void theConfirmationPromisesACallOrAVisitOnlyWithConsent() {
    assertThat(page(List.of(PHONE), true, false).confirmationKey()).isEqualTo("pref.done.phone");
    assertThat(page(List.of(PHONE), false, false).confirmationKey()).isEqualTo("pref.done.noted");
    assertThat(page(List.of(IN_PERSON), true, false).confirmationKey()).isEqualTo("pref.done.noted");
    assertThat(page(List.of(IN_PERSON), false, true).confirmationKey()).isEqualTo("pref.done.in_person");
    assertThat(page(List.of(PHONE, NO_CONTACT), true, true).confirmationKey()).isEqualTo("pref.done.no_contact");
    assertThat(page(List.of(), true, true).confirmationKey()).isNull();
  }

  private static PreferencePage page(List<PreferenceAction> recorded, boolean phone, boolean visit) {
    return new PreferencePage(PreferenceResult.SHOWN, "de", "Guten Tag,", recorded, phone, visit);
  }
}
