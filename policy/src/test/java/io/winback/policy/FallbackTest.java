package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import org.junit.jupiter.api.Test;

/** When the preferred channel is not eligible: in person, then phone, then written. */
class FallbackTest {

  private static Decision.Contact decide(CustomerRelationship customer) {
    Decision decision = policy().decide(cancellation().build(), customer, ContactHistory.none(), NOW);
    assertThat(decision).isInstanceOf(Decision.Contact.class);
    return (Decision.Contact) decision;
  }

  @Test
  void inPersonWithoutConsentForVisitsFallsToPhone() {
    CustomerRelationship customer =
        longStandingCustomer().setConsent(consentExcept(Channel.IN_PERSON)).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.PHONE);
  }

  @Test
  void inPersonWithoutAnAccountManagerFallsToPhone() {
    CustomerRelationship customer = longStandingCustomer().setAccountManager(null).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.PHONE);
  }

  @Test
  void theFallToPhoneNeedsNoPositiveResponse() {
    CustomerRelationship customer = longStandingCustomer()
        .setPersonalContactResponse(ContactResponse.NONE)
        .setConsent(consentExcept(Channel.IN_PERSON))
        .build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.PHONE);
  }

  @Test
  void theFallToPhoneSkipsPhoneAfterANegativeResponse() {
    CustomerRelationship customer = longStandingCustomer()
        .setPersonalContactResponse(ContactResponse.NEGATIVE)
        .setConsent(consentExcept(Channel.IN_PERSON))
        .build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void skippingPhoneAfterANegativeResponseIsExplained() {
    CustomerRelationship customer = longStandingCustomer()
        .setPersonalContactResponse(ContactResponse.NEGATIVE)
        .setConsent(consentExcept(Channel.IN_PERSON))
        .build();

    assertThat(decide(customer).rationale()).extracting(Rationale::ruleId)
        .contains("fallback.negative-response-for-phone");
  }

  @Test
  void inPersonWithoutPhoneFallsToWritten() {
    CustomerRelationship customer =
        longStandingCustomer().setConsent(consentExcept(Channel.IN_PERSON, Channel.PHONE)).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void inPersonWithoutAPhoneNumberFallsToEmail() {
    CustomerRelationship customer = longStandingCustomer().setAccountManager(null).setPhone(null).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void inPersonFallsAllTheWayToLetter() {
    CustomerRelationship customer = longStandingCustomer().setConsent(consentFor(Channel.LETTER)).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.LETTER);
  }

  @Test
  void aFallbackFromInPersonHasNoAssignee() {
    CustomerRelationship customer =
        longStandingCustomer().setConsent(consentExcept(Channel.IN_PERSON)).build();

    assertThat(decide(customer).assignee()).isNull();
  }

  @Test
  void phoneWithoutConsentFallsToWritten() {
    CustomerRelationship customer = customer()
        .setPersonalContactResponse(ContactResponse.POSITIVE)
        .setConsent(consentExcept(Channel.PHONE))
        .build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void phoneWithoutAPhoneNumberFallsToWritten() {
    CustomerRelationship customer = customer()
        .setPersonalContactResponse(ContactResponse.POSITIVE)
        .setPhone(null)
        .build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void aPhonePreferenceNeverEscalatesToInPerson() {
    CustomerRelationship customer = customer()
        .setPersonalContactResponse(ContactResponse.POSITIVE)
        .setConsent(consentFor(Channel.IN_PERSON, Channel.LETTER))
        .build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.LETTER);
  }

  @Test
  void theFallFromInPersonSaysWhy() {
    CustomerRelationship customer =
        longStandingCustomer().setConsent(consentExcept(Channel.IN_PERSON, Channel.PHONE)).build();

    assertThat(decide(customer).rationale()).extracting(Rationale::ruleId).containsSubsequence(
        "prefer.in-person.long-standing",
        "fallback.no-consent-for-in-person",
        "fallback.no-consent-for-phone",
        "eligible.email");
  }

  @Test
  void aMissingAccountManagerIsExplainedAsMissingContactData() {
    CustomerRelationship customer = longStandingCustomer().setAccountManager(null).build();

    assertThat(decide(customer).rationale()).extracting(Rationale::ruleId)
        .contains("fallback.no-contact-data-for-in-person");
  }
}
