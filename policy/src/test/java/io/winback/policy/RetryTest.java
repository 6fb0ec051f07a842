package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.policy;
import static io.winback.policy.PolicyFixtures.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After NOT_REACHED: one more try on the same channel, decided like every contact on today's
 * data; when that channel may not be used any more, a gentler one, never a more direct one.
 */
class RetryTest {

  private static Decision retry(CustomerRelationship customer, Channel notReached, ContactHistory history) {
    return policy().decide(cancellation().build(), customer, Attempt.retry(2, notReached, Goal.FEEDBACK, history), NOW);
  }

  @Test
  void theSameChannelIsTriedAgainWhileItIsEligible() {
    Decision decision = retry(customer().build(), Channel.PHONE, used(Channel.PHONE));

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact ->
        assertThat(contact.channel()).isEqualTo(Channel.PHONE));
    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.feedback", "follow-up.retry-not-reached", "eligible.phone", "due.phone.business-days");
  }

  @Test
  void anInPersonRetryAfterTheAccountManagerLeftFallsToTheNextChannel() {
    Decision decision = retry(longStandingCustomer().setAccountManager(null).build(), Channel.IN_PERSON,
        used(Channel.IN_PERSON));

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact -> {
      assertThat(contact.channel()).isEqualTo(Channel.PHONE);
      assertThat(contact.assignee()).isNull();
    });
    assertThat(decision.rationale()).extracting(Rationale::ruleId)
        .containsSubsequence("fallback.no-contact-data-for-in-person", "eligible.phone");
  }

  @Test
  void aRetryAfterTheConsentForItsChannelWasWithdrawnTakesNoOtherWithoutConsent() {
    Decision decision = retry(customer().setConsent(consentFor()).build(), Channel.PHONE, used(Channel.PHONE));

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class, suppress -> {
      assertThat(suppress.ground()).isEqualTo(Decision.Suppress.Ground.NO_ELIGIBLE_CHANNEL);
      assertThat(suppress.rationale()).extracting(Rationale::ruleId).contains("fallback.no-consent-for-phone");
    });
  }

  @Test
  void aRetryNeverEscalatesFromWrittenToACall() {
    Decision decision = retry(customer().setConsent(consentFor(Channel.PHONE, Channel.IN_PERSON)).build(),
        Channel.EMAIL, used(Channel.EMAIL));

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void aRetryAfterANegativeResponseIsNoCall() {
    Decision decision = retry(customer().setPersonalContactResponse(ContactResponse.NEGATIVE).build(), Channel.PHONE,
        used(Channel.PHONE));

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact ->
        assertThat(contact.channel()).isEqualTo(Channel.EMAIL));
  }

  @Test
  void anotherChannelAlreadyUsedInTheCaseIsSkipped() {
    Decision decision = retry(customer().setConsent(consentFor(Channel.EMAIL)).build(), Channel.PHONE,
        used(Channel.PHONE, Channel.EMAIL));

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void noRetryBeyondTheAttemptBudget() {
    Decision decision = policy().decide(cancellation().build(), customer().build(),
        Attempt.retry(3, Channel.PHONE, Goal.FEEDBACK, used(Channel.PHONE)), NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class, suppress -> {
      assertThat(suppress.ground()).isEqualTo(Decision.Suppress.Ground.ATTEMPTS_USED);
      assertThat(suppress.rationale()).extracting(Rationale::ruleId).containsExactly("suppress.attempts-used");
    });
  }

  @Test
  void noRetryForACustomerWhoSinceAskedNotToBeContacted() {
    Decision decision = retry(customer().build(), Channel.PHONE, new ContactHistory(true, Set.of(Channel.PHONE)));

    assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class, suppress ->
        assertThat(suppress.ground()).isEqualTo(Decision.Suppress.Ground.DO_NOT_CONTACT));
  }

  @Test
  void theCaseKeepsItsGoalAndSaysSoWhenTodaysDataWouldChooseAnother() {
    Decision decision = policy().decide(cancellation().build(), customer().build(),
        Attempt.retry(2, Channel.PHONE, Goal.WIN_BACK, used(Channel.PHONE)), NOW);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact ->
        assertThat(contact.goal()).isEqualTo(Goal.WIN_BACK));
    assertThat(decision.rationale().get(0).ruleId()).isEqualTo("goal.kept");
  }
}
