package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CustomerRelationship;
import io.winback.events.Tier;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionTest {

  private static final ContactHistory DO_NOT_CONTACT_RECORDED = new ContactHistory(true, Set.of());

  @Test
  void doNotContactOnTheRelationshipSuppresses() {
    Decision decision = policy().decide(
        cancellation().build(), customer().setDoNotContact(true).build(), ContactHistory.none(), NOW);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void doNotContactSuppressesEvenALongStandingKeyAccount() {
    CustomerRelationship customer = longStandingCustomer()
        .setTier(Tier.KEY_ACCOUNT)
        .setDoNotContact(true)
        .build();

    Decision decision = policy().decide(cancellation().build(), customer, ContactHistory.none(), NOW);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void doNotContactRationaleIsTheSuppressRule() {
    Decision decision = policy().decide(
        cancellation().build(), customer().setDoNotContact(true).build(), ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId)
        .containsExactly("suppress.do-not-contact");
  }

  @Test
  void anEarlierDoNotContactOutcomeSuppresses() {
    Decision decision = policy().decide(
        cancellation().build(), customer().build(), DO_NOT_CONTACT_RECORDED, NOW);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void anEarlierDoNotContactOutcomeHasItsOwnRule() {
    Decision decision = policy().decide(
        cancellation().build(), customer().build(), DO_NOT_CONTACT_RECORDED, NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId)
        .containsExactly("suppress.do-not-contact-recorded");
  }

  @Test
  void noEligibleChannelSuppresses() {
    Decision decision = policy().decide(
        cancellation().build(), customer().setConsent(consentFor()).build(), ContactHistory.none(), NOW);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void noEligibleChannelGivesTheAgreedReason() {
    Decision decision = policy().decide(
        cancellation().build(), customer().setConsent(consentFor()).build(), ContactHistory.none(), NOW);

    assertThat(((Decision.Suppress) decision).reason())
        .isEqualTo("no channel with consent and contact data");
  }

  @Test
  void noEligibleChannelRationaleWalksEveryChannelTried() {
    Decision decision = policy().decide(
        cancellation().build(), customer().setConsent(consentFor()).build(), ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.feedback",
        "prefer.written.first-contact",
        "fallback.no-consent-for-email",
        "fallback.no-consent-for-whatsapp",
        "fallback.no-consent-for-letter",
        "suppress.no-eligible-channel");
  }

  @Test
  void consentWithoutAnyContactDataSuppresses() {
    CustomerRelationship customer = customer()
        .setEmail(null)
        .setPhone(null)
        .setPostalAddress(null)
        .setAccountManager(null)
        .build();

    Decision decision = policy().decide(cancellation().build(), customer, ContactHistory.none(), NOW);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }

  @Test
  void anInPersonCustomerWithoutAnyEligibleChannelIsSuppressedToo() {
    Decision decision = policy().decide(cancellation().build(),
        longStandingCustomer().setConsent(consentFor()).build(), ContactHistory.none(), NOW);

    assertThat(decision).isInstanceOf(Decision.Suppress.class);
  }
}
