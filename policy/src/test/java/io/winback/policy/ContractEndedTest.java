package io.winback.policy;

import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.policy;
import static io.winback.policy.PolicyFixtures.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Tier;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A contact that can only happen after the contract has ended (no contact window is left before
 * it ends) is made in writing, with the goal FEEDBACK, and its rationale says why; a call or a
 * visit would only press a former customer.
 */
class ContractEndedTest {

  /** Wednesday 11 November 2026, 10:00 in Berlin: the contract ends today. */
  private static final Instant ON_THE_LAST_DAY = berlin("2026-11-11T10:00");

  private static CancellationEvent endingToday() {
    return cancellation().setEffectiveAt(LocalDate.of(2026, 11, 11)).build();
  }

  @Test
  void aLongStandingKeyAccountIsWrittenToNotVisited() {
    Decision decision = policy().decide(endingToday(), longStandingCustomer().setTier(Tier.KEY_ACCOUNT).build(),
        ContactHistory.none(), ON_THE_LAST_DAY);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact -> {
      assertThat(contact.channel()).isEqualTo(Channel.EMAIL);
      assertThat(contact.goal()).isEqualTo(Goal.FEEDBACK);
      assertThat(contact.dueAt()).isEqualTo(ON_THE_LAST_DAY);
      assertThat(contact.assignee()).isNull();
    });
  }

  @Test
  void theRationaleSaysTheContractEndedInItsUsualOrder() {
    Decision decision = policy().decide(endingToday(), longStandingCustomer().build(), ContactHistory.none(),
        ON_THE_LAST_DAY);

    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.feedback.contract-ended",
        "prefer.in-person.long-standing",
        "prefer.written.contract-ended",
        "eligible.email",
        "due.written.at-once");
  }

  @Test
  void withoutConsentForAnyWrittenChannelNobodyIsContacted() {
    Decision decision = policy().decide(endingToday(),
        customer().setConsent(consentFor(Channel.PHONE, Channel.IN_PERSON)).build(), ContactHistory.none(),
        ON_THE_LAST_DAY);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void theEveningBeforeTheLastDayThereIsStillAWindow() {
    Decision decision = policy().decide(cancellation().setEffectiveAt(LocalDate.of(2026, 11, 12)).build(),
        longStandingCustomer().build(), ContactHistory.none(), berlin("2026-11-11T10:00"));

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact -> {
      assertThat(contact.channel()).isEqualTo(Channel.IN_PERSON);
      assertThat(contact.dueAt()).isEqualTo(berlin("2026-11-11T19:59"));
    });
  }

  @Test
  void aRetryAfterTheContractEndedIsWrittenToo() {
    Decision decision = policy().decide(endingToday(), customer().build(),
        Attempt.retry(2, Channel.PHONE, Goal.WIN_BACK, used(Channel.PHONE)), ON_THE_LAST_DAY);

    assertThat(decision).isInstanceOfSatisfying(Decision.Contact.class, contact -> {
      assertThat(contact.channel()).isEqualTo(Channel.EMAIL);
      assertThat(contact.goal()).isEqualTo(Goal.FEEDBACK);
    });
    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.feedback.contract-ended",
        "follow-up.retry-not-reached",
        "prefer.written.contract-ended",
        "eligible.email",
        "due.written.at-once");
  }

  @Test
  void noFollowUpOfAnEmailAfterTheContractEnded() {
    Decision decision = policy().decide(endingToday(), customer().build(),
        Attempt.followUp(2, Channel.EMAIL, Goal.FEEDBACK, used(Channel.EMAIL)), ON_THE_LAST_DAY);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }
}
