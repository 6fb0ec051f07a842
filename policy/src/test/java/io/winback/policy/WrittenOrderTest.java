package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import org.junit.jupiter.api.Test;

/** The written first contact: email, else WhatsApp, else letter, whichever is eligible first. */
class WrittenOrderTest {

  private static Channel channelFor(CustomerRelationship customer) {
    Decision decision = policy().decide(cancellation().build(), customer, ContactHistory.none(), NOW);
    return ((Decision.Contact) decision).channel();
  }

  @Test
  void emailComesFirst() {
    assertThat(channelFor(customer().build())).isEqualTo(Channel.EMAIL);
  }

  @Test
  void whatsappWhenThereIsNoConsentForEmail() {
    assertThat(channelFor(customer().setConsent(consentExcept(Channel.EMAIL)).build()))
        .isEqualTo(Channel.WHATSAPP);
  }

  @Test
  void whatsappWhenThereIsNoEmailAddress() {
    assertThat(channelFor(customer().setEmail(null).build())).isEqualTo(Channel.WHATSAPP);
  }

  @Test
  void letterWhenNeitherEmailNorWhatsappHasConsent() {
    assertThat(channelFor(customer().setConsent(consentExcept(Channel.EMAIL, Channel.WHATSAPP)).build()))
        .isEqualTo(Channel.LETTER);
  }

  @Test
  void letterWhenThereIsNeitherEmailAddressNorPhoneNumber() {
    assertThat(channelFor(customer().setEmail(null).setPhone(null).build())).isEqualTo(Channel.LETTER);
  }

  @Test
  void letterAloneIsEnough() {
    assertThat(channelFor(customer().setConsent(consentFor(Channel.LETTER)).build()))
        .isEqualTo(Channel.LETTER);
  }

  @Test
  void aPlainCustomerIsNeverCalledOrVisitedFirst() {
    // Consent for phone and visits alone does not make them the first contact of a plain customer.
    CustomerRelationship customer = customer()
        .setConsent(consentFor(Channel.PHONE, Channel.IN_PERSON, Channel.LETTER))
        .build();

    assertThat(channelFor(customer)).isEqualTo(Channel.LETTER);
  }

  @Test
  void thePreferenceIsWrittenFirstContact() {
    Decision decision = policy().decide(cancellation().build(), customer().build(), ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId)
        .contains("prefer.written.first-contact", "eligible.email");
  }

  @Test
  void skippedWrittenChannelsAreExplained() {
    CustomerRelationship customer = customer()
        .setConsent(consentExcept(Channel.EMAIL))
        .setPhone(null)
        .build();

    Decision decision = policy().decide(cancellation().build(), customer, ContactHistory.none(), NOW);

    assertThat(decision.rationale()).extracting(Rationale::ruleId).containsSubsequence(
        "fallback.no-consent-for-email",
        "fallback.no-contact-data-for-whatsapp",
        "eligible.letter");
  }
}
