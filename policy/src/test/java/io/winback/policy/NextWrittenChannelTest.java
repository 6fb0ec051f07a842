package io.winback.policy;

import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.followUp;
import static io.winback.policy.PolicyFixtures.nextWritten;
import static io.winback.policy.PolicyFixtures.policy;
import static io.winback.policy.PolicyFixtures.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** After DELIVERY_FAILED on a written channel: the next written channel, email, WhatsApp, letter. */
class NextWrittenChannelTest {

  private static Optional<Channel> next(CustomerRelationship customer, ContactHistory history) {
    return nextWritten(policy(), cancellation().build(), customer, history, NOW)
        .map(Decision.Contact::channel);
  }

  @Test
  void aFailedEmailIsFollowedByWhatsapp() {
    assertThat(next(customer().build(), used(Channel.EMAIL))).contains(Channel.WHATSAPP);
  }

  @Test
  void aFailedWhatsappAfterAFailedEmailIsFollowedByALetter() {
    assertThat(next(customer().build(), used(Channel.EMAIL, Channel.WHATSAPP))).contains(Channel.LETTER);
  }

  @Test
  void anIneligibleWhatsappIsSkipped() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.WHATSAPP)).build();

    assertThat(next(customer, used(Channel.EMAIL))).contains(Channel.LETTER);
  }

  @Test
  void anUnusedEmailComesFirstAfterAFailedWhatsapp() {
    assertThat(next(customer().build(), used(Channel.WHATSAPP))).contains(Channel.EMAIL);
  }

  @Test
  void nothingIsLeftWhenEveryWrittenChannelWasUsed() {
    assertThat(next(customer().build(), used(Channel.EMAIL, Channel.WHATSAPP, Channel.LETTER))).isEmpty();
  }

  @Test
  void nothingIsLeftWhenTheRemainingWrittenChannelsAreIneligible() {
    CustomerRelationship customer = customer().setPhone(null).setPostalAddress(null).build();

    assertThat(next(customer, used(Channel.EMAIL))).isEmpty();
  }

  @Test
  void neverPhoneOrInPersonEvenWhenEligible() {
    CustomerRelationship customer = customer()
        .setConsent(PolicyFixtures.consentFor(Channel.EMAIL, Channel.PHONE, Channel.IN_PERSON))
        .build();

    assertThat(next(customer, used(Channel.EMAIL))).isEmpty();
  }

  @Test
  void doNotContactMeansNoNextChannel() {
    assertThat(next(customer().setDoNotContact(true).build(), used(Channel.EMAIL))).isEmpty();
  }

  @Test
  void aRecordedDoNotContactMeansNoNextChannel() {
    assertThat(next(customer().build(), new ContactHistory(true, Set.of(Channel.EMAIL)))).isEmpty();
  }

  @Test
  void theNextWrittenChannelIsDueAtOnce() {
    Decision.Contact contact = nextWritten(policy(),
        cancellation().build(), customer().build(), used(Channel.EMAIL), NOW).orElseThrow();

    assertThat(contact.dueAt()).isEqualTo(NOW);
  }

  @Test
  void theRationaleSaysTheDeliveryFailedAndWhatWasSkipped() {
    Decision.Contact contact = nextWritten(policy(),
        cancellation().build(), customer().build(), used(Channel.EMAIL), NOW).orElseThrow();

    assertThat(contact.rationale()).extracting(Rationale::ruleId).containsExactly(
        "goal.feedback",
        "next-written.delivery-failed",
        "fallback.already-used-email",
        "eligible.whatsapp",
        "due.written.at-once");
  }
}
