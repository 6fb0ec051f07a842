package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.PERSONAL_DATA;
import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.followUp;
import static io.winback.policy.PolicyFixtures.nextWritten;
import static io.winback.policy.PolicyFixtures.policy;
import static io.winback.policy.PolicyFixtures.used;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.Channel;
import io.winback.events.ContactResponse;
import io.winback.events.Tier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RationaleTest {

  static Stream<Named<Decision>> everyKindOfDecision() {
    ChannelPolicy policy = policy();
    return Stream.of(
        Named.of("written", policy.decide(cancellation().build(), customer().build(),
            ContactHistory.none(), NOW)),
        Named.of("phone at night", policy.decide(cancellation().build(),
            customer().setPersonalContactResponse(ContactResponse.POSITIVE).build(),
            ContactHistory.none(), berlin("2026-11-13T21:00"))),
        Named.of("in person", policy.decide(cancellation().build(),
            longStandingCustomer().setTier(Tier.KEY_ACCOUNT).setOpenComplexTopics(3).build(),
            ContactHistory.none(), NOW)),
        Named.of("fallback", policy.decide(cancellation().build(),
            longStandingCustomer().setConsent(consentFor(Channel.LETTER)).build(),
            ContactHistory.none(), NOW)),
        Named.of("no channel", policy.decide(cancellation().build(),
            customer().setConsent(consentFor()).build(), ContactHistory.none(), NOW)),
        Named.of("do not contact", policy.decide(cancellation().build(),
            customer().setDoNotContact(true).build(), ContactHistory.none(), NOW)),
        Named.of("do not contact recorded", policy.decide(cancellation().build(),
            customer().build(), new ContactHistory(true, Set.of()), NOW)),
        Named.of("follow-up", followUp(policy, cancellation().build(), customer().build(),
            used(Channel.EMAIL, Channel.PHONE), Channel.EMAIL, 1, NOW).orElseThrow()),
        Named.of("next written", nextWritten(policy, cancellation().build(),
            customer().build(), used(Channel.EMAIL), NOW).orElseThrow()));
  }

  private static List<String> texts(Decision decision) {
    List<String> texts = new ArrayList<>();
    decision.rationale().forEach(line -> {
      texts.add(line.ruleId());
      texts.add(line.reason());
    });
    if (decision instanceof Decision.Suppress suppress) {
      texts.add(suppress.reason());
    }
    return texts;
  }

  @ParameterizedTest
  @MethodSource("everyKindOfDecision")
  void noRationaleCarriesPersonalData(Decision decision) {
    for (String text : texts(decision)) {
      for (String personal : PERSONAL_DATA) {
        assertThat(text).as("rationale text").doesNotContainIgnoringCase(personal);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("everyKindOfDecision")
  void everyDecisionHasARationale(Decision decision) {
    assertThat(decision.rationale()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("everyKindOfDecision")
  void everyRuleIdIsDottedLowerCase(Decision decision) {
    assertThat(decision.rationale()).extracting(Rationale::ruleId)
        .allMatch(id -> id.matches("[a-z][a-z-]*(\\.[a-z][a-z-]*)+"), "dotted lower-case rule id");
  }

  @ParameterizedTest
  @MethodSource("everyKindOfDecision")
  void everyReasonIsOneNonBlankLine(Decision decision) {
    assertThat(texts(decision)).allMatch(text -> !text.isBlank() && !text.contains("\n"));
  }

  @Test
  void aContactListsGoalThenPreferenceThenEligibilityThenDueDate() {
    Decision decision = policy().decide(cancellation().build(), customer().build(),
        ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.feedback", "prefer.written.first-contact", "eligible.email", "due.written.at-once");
  }

  @Test
  void aFallbackContactListsEveryStepInOrder() {
    Decision decision = policy().decide(cancellation().build(),
        longStandingCustomer().setConsent(consentExcept(Channel.IN_PERSON)).build(),
        ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.win-back.long-standing",
        "prefer.in-person.long-standing",
        "fallback.no-consent-for-in-person",
        "eligible.phone",
        "due.phone.business-days");
  }

  @Test
  void aTaskMovedOutOfQuietHoursSaysSo() {
    Decision decision = policy().decide(cancellation().build(), customer().build(),
        ContactHistory.none(), berlin("2026-11-11T21:00"));

    assertThat(decision.rationale()).extracting(Rationale::ruleId).endsWith("due.quiet-hours");
  }

  @Test
  void aTaskCappedByTheContractEndSaysSo() {
    Decision decision = policy().decide(
        cancellation().setEffectiveAt(LocalDate.of(2026, 11, 13)).build(),
        longStandingCustomer().build(), ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId).endsWith("due.before-contract-end");
  }

  @Test
  void aRationaleReasonIsOneLine() {
    assertThatThrownBy(() -> new Rationale("goal.feedback", "two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRationaleOfADecisionCannotBeChanged() {
    List<Rationale> lines = new ArrayList<>(List.of(new Rationale("goal.feedback", "reason")));
    Decision.Suppress suppress = new Decision.Suppress(Decision.Suppress.Ground.NO_ELIGIBLE_CHANNEL, "reason", lines);
    lines.clear();

    assertThat(suppress.rationale()).hasSize(1);
    assertThatThrownBy(() -> suppress.rationale().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
