package io.winback.policy;

import static io.winback.policy.PolicyFixtures.MANAGER_ID;
import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.consentExcept;
import static io.winback.policy.PolicyFixtures.consentFor;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.followUp;
import static io.winback.policy.PolicyFixtures.nextWritten;
import static io.winback.policy.PolicyFixtures.policy;
import static io.winback.policy.PolicyFixtures.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.events.Tier;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** After no answer to a written outreach: at most one follow-up, on another channel family. */
class FollowUpTest {

  private static Optional<Decision.Contact> afterEmail(CustomerRelationship customer) {
    return followUp(policy(), cancellation().build(), customer, used(Channel.EMAIL), Channel.EMAIL, 1, NOW);
  }

  private static Optional<Channel> channelAfterEmail(CustomerRelationship customer) {
    return afterEmail(customer).map(Decision.Contact::channel);
  }

  @Test
  void phoneFollowsAnUnansweredEmail() {
    assertThat(channelAfterEmail(customer().build())).contains(Channel.PHONE);
  }

  @Test
  void inPersonFollowsWhenPhoneIsNotEligible() {
    assertThat(channelAfterEmail(customer().setConsent(consentExcept(Channel.PHONE)).build()))
        .contains(Channel.IN_PERSON);
  }

  @Test
  void aNegativeResponseToPersonalApproachesSkipsPhone() {
    CustomerRelationship negative =
        customer().setPersonalContactResponse(ContactResponse.NEGATIVE).build();

    assertThat(channelAfterEmail(negative)).contains(Channel.IN_PERSON);
  }

  @Test
  void skippingPhoneAfterANegativeResponseIsExplained() {
    CustomerRelationship negative =
        customer().setPersonalContactResponse(ContactResponse.NEGATIVE).build();

    assertThat(afterEmail(negative).orElseThrow().rationale()).extracting(Rationale::ruleId)
        .contains("fallback.negative-response-for-phone");
  }

  @Test
  void aNegativeResponseWithoutInPersonMeansNoFollowUp() {
    CustomerRelationship negative = customer()
        .setPersonalContactResponse(ContactResponse.NEGATIVE)
        .setAccountManager(null)
        .build();

    assertThat(afterEmail(negative)).isEmpty();
  }

  @Test
  void aWrittenOutreachIsNeverFollowedByAnotherWrittenOne() {
    CustomerRelationship writtenOnly =
        customer().setConsent(consentFor(Channel.EMAIL, Channel.WHATSAPP, Channel.LETTER)).build();

    assertThat(afterEmail(writtenOnly)).isEmpty();
  }

  @Test
  void aChannelAlreadyUsedInTheCaseIsSkipped() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        used(Channel.EMAIL, Channel.PHONE), Channel.EMAIL, 1, NOW);

    assertThat(followUp).map(Decision.Contact::channel).contains(Channel.IN_PERSON);
  }

  @Test
  void noFollowUpWhenEveryOtherFamilyWasUsed() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        used(Channel.EMAIL, Channel.PHONE, Channel.IN_PERSON), Channel.EMAIL, 1, NOW);

    assertThat(followUp).isEmpty();
  }

  @Test
  void noFollowUpAtTheAttemptLimit() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        used(Channel.EMAIL), Channel.EMAIL, 2, NOW);

    assertThat(followUp).isEmpty();
  }

  @Test
  void noFollowUpBeyondTheAttemptLimit() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        used(Channel.EMAIL), Channel.EMAIL, 5, NOW);

    assertThat(followUp).isEmpty();
  }

  @Test
  void theAttemptLimitIsConfigurable() {
    ChannelPolicy threeAttempts = new ChannelPolicy(PolicyFixtures.withMaxAttempts(3));

    Optional<Decision.Contact> followUp = followUp(threeAttempts, cancellation().build(),
        customer().build(), used(Channel.EMAIL), Channel.EMAIL, 2, NOW);

    assertThat(followUp).isPresent();
  }

  @Test
  void doNotContactMeansNoFollowUp() {
    assertThat(afterEmail(customer().setDoNotContact(true).build())).isEmpty();
  }

  @Test
  void aRecordedDoNotContactMeansNoFollowUp() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        new ContactHistory(true, Set.of(Channel.EMAIL)), Channel.EMAIL, 1, NOW);

    assertThat(followUp).isEmpty();
  }

  @Test
  void consentIsStillRequiredForTheFollowUp() {
    CustomerRelationship customer =
        customer().setConsent(consentExcept(Channel.PHONE, Channel.IN_PERSON)).build();

    assertThat(afterEmail(customer)).isEmpty();
  }

  @Test
  void anInPersonFollowUpIsAssignedToTheAccountManager() {
    CustomerRelationship customer = customer().setConsent(consentExcept(Channel.PHONE)).build();

    assertThat(afterEmail(customer).orElseThrow().assignee()).isEqualTo(MANAGER_ID);
  }

  @Test
  void theFollowUpKeepsTheGoal() {
    CustomerRelationship premium = customer().setTier(Tier.PREMIUM).build();

    assertThat(afterEmail(premium).orElseThrow().goal()).isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void theFollowUpRationaleNamesTheFollowUpRule() {
    assertThat(afterEmail(customer().build()).orElseThrow().rationale()).extracting(Rationale::ruleId)
        .containsExactly("goal.feedback", "follow-up.other-family", "eligible.phone",
            "due.phone.business-days");
  }

  @Test
  void aPhoneFollowUpIsDueWithinTwoBusinessDays() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        used(Channel.EMAIL), Channel.EMAIL, 1, berlin("2026-11-13T10:00"));

    assertThat(followUp.orElseThrow().dueAt()).isEqualTo(berlin("2026-11-17T10:00"));
  }

  @Test
  void thePreviousChannelCountsAsUsedEvenIfTheHistoryMissesIt() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(), customer().build(),
        ContactHistory.none(), Channel.PHONE, 1, NOW);

    assertThat(followUp).map(Decision.Contact::channel).contains(Channel.IN_PERSON);
  }

  @Test
  void anUnansweredCallIsFollowedInWritingWhenInPersonIsNotEligible() {
    Optional<Decision.Contact> followUp = followUp(policy(), cancellation().build(),
        customer().setAccountManager(null).build(), used(Channel.PHONE), Channel.PHONE, 1, NOW);

    assertThat(followUp).map(Decision.Contact::channel).contains(Channel.EMAIL);
  }
}
