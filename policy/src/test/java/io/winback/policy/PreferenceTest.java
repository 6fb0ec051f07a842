package io.winback.policy;

import static io.winback.policy.PolicyFixtures.CANCELLED_ON;
import static io.winback.policy.PolicyFixtures.MANAGER_ID;
import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Tier;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreferenceTest {

  private static Decision.Contact decide(CustomerRelationship customer) {
    return decide(cancellation().build(), customer);
  }

  private static Decision.Contact decide(CancellationEvent cancellation, CustomerRelationship customer) {
    Decision decision = policy().decide(cancellation, customer, ContactHistory.none(), NOW);
    assertThat(decision).isInstanceOf(Decision.Contact.class);
    return (Decision.Contact) decision;
  }

  @Test
  void aPlainCustomerGetsAWrittenFirstContactByEmail() {
    assertThat(decide(customer().build()).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void aCustomerOfExactlyFiveYearsIsLongStandingAndGetsInPerson() {
    CustomerRelationship customer = customer().setCustomerSince(CANCELLED_ON.minusYears(5)).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.IN_PERSON);
  }

  @Test
  void aCustomerOfFourYearsAnd364DaysIsNotLongStanding() {
    CustomerRelationship customer =
        customer().setCustomerSince(CANCELLED_ON.minusYears(5).plusDays(1)).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void longStandingIsMeasuredOnTheCancellationDateInTheCustomersZone() {
    // 23:30 UTC on 10 November is already 11 November in Berlin, still 10 November in London.
    CancellationEvent lateEvening =
        cancellation().setOccurredAt(Instant.parse("2026-11-10T23:30:00Z")).build();
    CustomerRelationship.Builder fiveYearsOn11November =
        customer().setCustomerSince(CANCELLED_ON.minusYears(5));

    assertThat(decide(lateEvening, fiveYearsOn11November.setTimezone("Europe/Berlin").build()).channel())
        .isEqualTo(Channel.IN_PERSON);
    assertThat(decide(lateEvening, fiveYearsOn11November.setTimezone("Europe/London").build()).channel())
        .isEqualTo(Channel.EMAIL);
  }

  @Test
  void longStandingUsesTheConfiguredNumberOfYears() {
    PolicySettings threeYears = PolicyFixtures.withLongStandingYears(3);
    CustomerRelationship customer = customer().setCustomerSince(CANCELLED_ON.minusYears(3)).build();

    Decision decision = new ChannelPolicy(threeYears)
        .decide(cancellation().build(), customer, ContactHistory.none(), NOW);

    assertThat(((Decision.Contact) decision).channel()).isEqualTo(Channel.IN_PERSON);
  }

  @Test
  void oneOpenComplexTopicGetsInPerson() {
    assertThat(decide(customer().setOpenComplexTopics(1).build()).channel())
        .isEqualTo(Channel.IN_PERSON);
  }

  @Test
  void noOpenComplexTopicsIsNoReasonForInPerson() {
    assertThat(decide(customer().setOpenComplexTopics(0).build()).channel())
        .isEqualTo(Channel.EMAIL);
  }

  @Test
  void aKeyAccountGetsInPerson() {
    assertThat(decide(customer().setTier(Tier.KEY_ACCOUNT).build()).channel())
        .isEqualTo(Channel.IN_PERSON);
  }

  @Test
  void aPremiumTierAloneIsNoReasonForInPerson() {
    assertThat(decide(customer().setTier(Tier.PREMIUM).build()).channel())
        .isEqualTo(Channel.EMAIL);
  }

  @Test
  void anInPersonTaskIsAssignedToTheAccountManager() {
    assertThat(decide(longStandingCustomer().build()).assignee()).isEqualTo(MANAGER_ID);
  }

  @Test
  void aWrittenTaskIsUnassigned() {
    assertThat(decide(customer().build()).assignee()).isNull();
  }

  @Test
  void aPhoneTaskIsUnassigned() {
    CustomerRelationship positive =
        customer().setPersonalContactResponse(ContactResponse.POSITIVE).build();

    assertThat(decide(positive).assignee()).isNull();
  }

  @Test
  void aPositiveResponseToPersonalApproachesGetsPhone() {
    CustomerRelationship positive =
        customer().setPersonalContactResponse(ContactResponse.POSITIVE).build();

    assertThat(decide(positive).channel()).isEqualTo(Channel.PHONE);
  }

  @Test
  void aNeutralResponseGetsWritten() {
    CustomerRelationship neutral = customer().setPersonalContactResponse(ContactResponse.NEUTRAL).build();

    assertThat(decide(neutral).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void noKnownResponseGetsWritten() {
    CustomerRelationship none = customer().setPersonalContactResponse(ContactResponse.NONE).build();

    assertThat(decide(none).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void inPersonOutranksAPositiveResponse() {
    CustomerRelationship customer =
        longStandingCustomer().setPersonalContactResponse(ContactResponse.POSITIVE).build();

    assertThat(decide(customer).channel()).isEqualTo(Channel.IN_PERSON);
  }

  @Test
  void everyInPersonTriggerThatAppliesIsListed() {
    CustomerRelationship customer = longStandingCustomer()
        .setOpenComplexTopics(2)
        .setTier(Tier.KEY_ACCOUNT)
        .build();

    assertThat(decide(customer).rationale()).extracting(Rationale::ruleId).contains(
        "prefer.in-person.long-standing",
        "prefer.in-person.complex-topics",
        "prefer.in-person.key-account");
  }

  @Test
  void aChannelAlreadyUsedInTheCaseIsNotChosenAgain() {
    Decision decision = policy().decide(
        cancellation().build(), customer().build(), PolicyFixtures.used(Channel.EMAIL), NOW);

    assertThat(((Decision.Contact) decision).channel()).isEqualTo(Channel.WHATSAPP);
  }
}
