package io.winback.policy;

import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.policy.Eligibility.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EligibilityTest {

  @ParameterizedTest
  @EnumSource(Channel.class)
  void everyChannelIsEligibleWithConsentAndContactData(Channel channel) {
    assertThat(Eligibility.check(channel, customer().build())).isEqualTo(Verdict.ELIGIBLE);
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void noChannelIsEligibleWithoutAnyConsent(Channel channel) {
    CustomerRelationship noConsent = customer().setConsent(consentFor()).build();

    assertThat(Eligibility.check(channel, noConsent)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void emailNeedsConsentForEmail() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.EMAIL)).build();

    assertThat(Eligibility.check(Channel.EMAIL, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void emailNeedsAnEmailAddress() {
    CustomerRelationship customer = customer().setEmail(null).build();

    assertThat(Eligibility.check(Channel.EMAIL, customer)).isEqualTo(Verdict.NO_CONTACT_DATA);
  }

  @Test
  void aBlankEmailAddressIsNoEmailAddress() {
    CustomerRelationship customer = customer().setEmail("  ").build();

    assertThat(Eligibility.isEligible(Channel.EMAIL, customer)).isFalse();
  }

  @Test
  void phoneNeedsConsentForPhone() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.PHONE)).build();

    assertThat(Eligibility.check(Channel.PHONE, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void phoneNeedsAPhoneNumber() {
    CustomerRelationship customer = customer().setPhone(null).build();

    assertThat(Eligibility.check(Channel.PHONE, customer)).isEqualTo(Verdict.NO_CONTACT_DATA);
  }

  @Test
  void letterNeedsConsentForLetters() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.LETTER)).build();

    assertThat(Eligibility.check(Channel.LETTER, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void letterNeedsAPostalAddress() {
    CustomerRelationship customer = customer().setPostalAddress(null).build();

    assertThat(Eligibility.check(Channel.LETTER, customer)).isEqualTo(Verdict.NO_CONTACT_DATA);
  }

  @Test
  void whatsappNeedsConsentForWhatsapp() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.WHATSAPP)).build();

    assertThat(Eligibility.check(Channel.WHATSAPP, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void whatsappNeedsAPhoneNumber() {
    CustomerRelationship customer = customer().setPhone(null).build();

    assertThat(Eligibility.check(Channel.WHATSAPP, customer)).isEqualTo(Verdict.NO_CONTACT_DATA);
  }

  @Test
  void whatsappDoesNotBorrowTheConsentForPhoneCalls() {
    CustomerRelationship customer = customer().setConsent(consentFor(Channel.PHONE)).build();

    assertThat(Eligibility.isEligible(Channel.WHATSAPP, customer)).isFalse();
  }

  @Test
  void inPersonNeedsConsentForVisits() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.IN_PERSON)).build();

    assertThat(Eligibility.check(Channel.IN_PERSON, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void inPersonNeedsAnAccountManager() {
    CustomerRelationship customer = customer().setAccountManager(null).build();

    assertThat(Eligibility.check(Channel.IN_PERSON, customer)).isEqualTo(Verdict.NO_CONTACT_DATA);
  }

  @Test
  void missingConsentIsReportedBeforeMissingContactData() {
    CustomerRelationship customer = customer()
        .setConsent(consentExcept(Channel.EMAIL))
        .setEmail(null)
        .build();

    assertThat(Eligibility.check(Channel.EMAIL, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void aMissingConsentRecordMeansNoConsent() {
    CustomerRelationship customer = customer().build();
    customer.setConsent(null);

    assertThat(Eligibility.check(Channel.EMAIL, customer)).isEqualTo(Verdict.NO_CONSENT);
  }

  @Test
  void eligibleRationaleNamesTheChannel() {
    assertThat(Eligibility.rationale(Channel.IN_PERSON, Verdict.ELIGIBLE).ruleId())
        .isEqualTo("eligible.in-person");
  }

  @Test
  void missingConsentRationaleIsAFallback() {
    assertThat(Eligibility.rationale(Channel.PHONE, Verdict.NO_CONSENT).ruleId())
        .isEqualTo("fallback.no-consent-for-phone");
  }

  @Test
  void missingContactDataRationaleIsAFallback() {
    assertThat(Eligibility.rationale(Channel.LETTER, Verdict.NO_CONTACT_DATA).ruleId())
        .isEqualTo("fallback.no-contact-data-for-letter");
  }

  @Test
  void missingContactDataRationaleSaysWhichDataIsMissing() {
    assertThat(Eligibility.rationale(Channel.WHATSAPP, Verdict.NO_CONTACT_DATA).reason())
        .isEqualTo("consent for WhatsApp but no phone number on file");
  }
}
