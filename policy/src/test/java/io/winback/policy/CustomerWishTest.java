package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.PERSONAL_DATA;
import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.policy;
import static io.winback.policy.PolicyFixtures.used;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerChoice;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Der Kunde entscheidet den Weg": the customer's own wish for the case outranks the article's rules, never
 * consent, contact data, quiet hours or the contract end, and it is not refused for lack of attempts.
 */
class CustomerWishTest {

  private static ContactHistory wished(CustomerWish wish, Channel... used) {
    return used(used).withWish(wish);
  }

  private static Decision wish(CustomerWish wish, CustomerRelationship customer, int attempt, Instant now) {
    return policy().decide(cancellation().build(), customer,
        Attempt.customerWish(attempt, Channel.EMAIL, Goal.FEEDBACK, wished(wish, Channel.EMAIL)), now);
  }

  private static List<String> ruleIds(Decision decision) {
    return decision.rationale().stream().map(Rationale::ruleId).toList();
  }

  @Test
  void aChoiceMapsToAWishAndNoContactToNone() {
    assertThat(CustomerWish.of(CustomerChoice.PHONE)).contains(CustomerWish.PHONE);
    assertThat(CustomerWish.of(CustomerChoice.IN_PERSON)).contains(CustomerWish.IN_PERSON);
    assertThat(CustomerWish.of(CustomerChoice.WRITTEN_ONLY)).contains(CustomerWish.WRITTEN_ONLY);
    assertThat(CustomerWish.of(CustomerChoice.NO_CONTACT)).as("a do-not-contact, not a wish").isEmpty();
    assertThat(CustomerWish.of(CustomerChoice.NONE)).isEmpty();
    assertThat(CustomerWish.of(null)).isEmpty();
  }

  @Test
  void aWishForACallGetsACallWhoseRationaleStartsWithTheWish() {
    Decision decision = wish(CustomerWish.PHONE, customer().build(), 1, NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, call -> {
      assertThat(call.channel()).isEqualTo(Channel.PHONE);
      assertThat(call.goal()).isEqualTo(Goal.FEEDBACK);
      assertThat(call.rationale().get(0)).isEqualTo(new Rationale(RuleIds.CUSTOMER_WISH_PHONE,
          "the customer asked for a call"));
    });
    assertThat(ruleIds(decision)).containsExactly("customer-wish.phone", "goal.feedback", "eligible.phone",
        "due.phone.business-days");
  }

  @Test
  void aWishToTalkInPersonGoesToTheAccountManager() {
    Decision decision = wish(CustomerWish.IN_PERSON, customer().build(), 1, NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, visit -> {
      assertThat(visit.channel()).isEqualTo(Channel.IN_PERSON);
      assertThat(visit.assignee()).isEqualTo(PolicyFixtures.MANAGER_ID);
      assertThat(visit.rationale().get(0).reason()).isEqualTo("the customer asked to talk in person");
    });
  }

  @Test
  void theWishOutranksTheArticlesCautionAfterANegativeResponseAndAnEarlierCall() {
    CustomerRelationship negative = customer().setPersonalContactResponse(ContactResponse.NEGATIVE).build();

    Decision decision = policy().decide(cancellation().build(), negative,
        Attempt.customerWish(1, Channel.EMAIL, Goal.FEEDBACK, wished(CustomerWish.PHONE, Channel.EMAIL, Channel.PHONE)),
        NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class,
        call -> assertThat(call.channel()).isEqualTo(Channel.PHONE));
  }

  @Test
  void aWishIsNotRefusedForLackOfAttempts() {
    Decision decision = wish(CustomerWish.PHONE, customer().build(), PolicySettings.defaults().maxAttempts() + 3, NOW);

    assertThat(decision).isInstanceOf(Decision.Contact.class);
  }

  @Test
  void withoutConsentForCallsTheWishIsNotHonouredAndTheRationaleSaysWhy() {
    Decision decision = wish(CustomerWish.PHONE, customer().setConsent(consentExcept(Channel.PHONE)).build(), 1, NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class, no -> {
      assertThat(no.ground()).isEqualTo(Decision.Suppress.Ground.NO_ELIGIBLE_CHANNEL);
      assertThat(no.reason()).isEqualTo("the customer asked for a call, which cannot be honoured: no consent for phone calls");
      assertThat(no.rationale()).extracting(Rationale::ruleId).containsExactly("customer-wish.phone", "goal.feedback",
          "fallback.no-consent-for-phone", "customer-wish.not-honoured");
    });
  }

  @Test
  void aWishToTalkInPersonWithoutConsentForVisitsIsNotTurnedIntoACall() {
    Decision decision = wish(CustomerWish.IN_PERSON, customer().setConsent(consentExcept(Channel.IN_PERSON)).build(),
        1, NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class,
        no -> assertThat(no.reason()).endsWith("cannot be honoured: no consent for visits"));
  }

  @Test
  void afterTheContractEndedNoCallIsMadeEvenOnRequest() {
    CancellationEvent ended = cancellation().setEffectiveAt(LocalDate.of(2026, 11, 12)).build();

    Decision decision = policy().decide(ended, customer().build(),
        Attempt.customerWish(1, Channel.EMAIL, Goal.FEEDBACK, wished(CustomerWish.PHONE, Channel.EMAIL)),
        berlin("2026-11-11T21:00"));

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class,
        no -> assertThat(no.reason()).contains("the contract has ended"));
  }

  @Test
  void theWishedCallStillKeepsOutOfQuietHours() {
    // Saturday evening, 21:00: two business days on is Tuesday 21:00, moved to Wednesday 08:00.
    Decision decision = wish(CustomerWish.PHONE, customer().build(), 1, berlin("2026-11-14T21:00"));

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, call -> {
      assertThat(call.dueAt()).isEqualTo(berlin("2026-11-18T08:00"));
      assertThat(call.rationale()).extracting(Rationale::ruleId).contains("due.quiet-hours");
    });
  }

  @Test
  void aDoNotContactStillWinsOverAWish() {
    Decision decision = wish(CustomerWish.PHONE, customer().setDoNotContact(true).build(), 1, NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class,
        no -> assertThat(no.ground()).isEqualTo(Decision.Suppress.Ground.DO_NOT_CONTACT));
  }

  @Test
  void afterAWishForWritingOnlyAFollowUpIsWrittenAndSaysSo() {
    Decision decision = policy().decide(cancellation().build(), customer().build(),
        Attempt.followUp(2, Channel.EMAIL, Goal.FEEDBACK, wished(CustomerWish.WRITTEN_ONLY, Channel.EMAIL)), NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, letter -> {
      assertThat(letter.channel()).isEqualTo(Channel.WHATSAPP);
      assertThat(letter.rationale()).extracting(Rationale::ruleId).containsSubsequence("follow-up.other-family",
          "customer-wish.written-only", "eligible.whatsapp");
      assertThat(letter.rationale()).extracting(Rationale::reason)
          .contains("the customer asked to be contacted only in writing");
    });
  }

  @Test
  void afterAWishForWritingOnlyARetryOfACallBecomesWritten() {
    Decision decision = policy().decide(cancellation().build(), customer().build(),
        Attempt.retry(2, Channel.PHONE, Goal.FEEDBACK, wished(CustomerWish.WRITTEN_ONLY, Channel.PHONE)), NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class,
        written -> assertThat(written.channel()).isEqualTo(Channel.EMAIL));
  }

  @Test
  void aWishAttemptNeedsAWishForACallOrAVisit() {
    assertThatThrownBy(() -> Attempt.customerWish(1, Channel.EMAIL, Goal.FEEDBACK, used(Channel.EMAIL)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Attempt.customerWish(1, Channel.EMAIL, Goal.FEEDBACK,
        wished(CustomerWish.WRITTEN_ONLY, Channel.EMAIL))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noRationaleLineOfAWishCarriesPersonalData() {
    for (CustomerWish wish : List.of(CustomerWish.PHONE, CustomerWish.IN_PERSON)) {
      for (CustomerRelationship customer : List.of(customer().build(),
          customer().setConsent(consentExcept(Channel.PHONE, Channel.IN_PERSON)).build())) {
        for (Rationale line : wish(wish, customer, 1, NOW).rationale()) {
          assertThat(PERSONAL_DATA).noneMatch(line.reason()::contains);
        }
      }
    }
  }
}
