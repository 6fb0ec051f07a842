package io.winback.processor;

import io.winback.events.AccountManager;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.PostalAddress;
import io.winback.events.Salutation;
import io.winback.events.Tier;
import io.winback.schemas.serde.TrustedPackages;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Test events with sensible defaults: a German customer with email consent who cancelled recently. */
public final class Events {

  static {
    TrustedPackages.install();
  }

  private Events() {}

  public static CustomerRelationship.Builder customer(String customerId) {
    return CustomerRelationship.newBuilder()
        .setCustomerId(customerId)
        .setSalutation(Salutation.MS)
        .setFirstName("Anna")
        .setLastName("Schmidt")
        .setLanguage(Language.de)
        .setTimezone("Europe/Berlin")
        .setEmail("anna.schmidt@example.org")
        .setPhone("+4930123456")
        .setPostalAddress(new PostalAddress("Hauptstr. 1", "10115", "Berlin", "DE"))
        .setConsent(new Consent(true, false, true, false, false))
        .setDoNotContact(false)
        .setCustomerSince(LocalDate.parse("2024-01-15"))
        .setTier(Tier.STANDARD)
        .setOpenComplexTopics(0)
        .setPersonalContactResponse(ContactResponse.NEUTRAL)
        .setAccountManager(null);
  }

  public static AccountManager manager() {
    return new AccountManager("am-7", "Jonas Weber", "jonas.weber@example.com", null);
  }

  public static CancellationEvent.Builder cancellation(String customerId, Instant occurredAt) {
    return CancellationEvent.newBuilder()
        .setEventId("evt-" + UUID.randomUUID())
        .setType(CancellationType.CANCELLED)
        .setCustomerId(customerId)
        .setContractId("K-" + customerId)
        .setProduct("Glasfaser 250")
        .setOccurredAt(occurredAt)
        .setEffectiveAt(LocalDate.parse("2027-01-31"))
        .setReason(CancellationReason.PRICE)
        .setReasonText("Zu teuer geworden")
        .setMonthlyRevenue(new BigDecimal("49.90"));
  }

  /** What the customer chose on the desk's preference page, for the written task whose link they used. */
  public static OutreachFeedback choice(String caseId, String taskId, String customerId, Channel channel,
      io.winback.events.CustomerChoice choice, Instant at) {
    Outcome outcome = choice == io.winback.events.CustomerChoice.NO_CONTACT ? Outcome.DO_NOT_CONTACT : Outcome.REACHED;
    return OutreachFeedback.newBuilder(feedback(caseId, taskId, customerId, channel, outcome, at))
        .setRecordedBy(io.winback.schemas.rules.CustomerChoices.RECORDED_BY)
        .setCustomerChoice(choice)
        .build();
  }

  public static OutreachFeedback feedback(String caseId, String taskId, String customerId, Channel channel,
      Outcome outcome, Instant at) {
    return OutreachFeedback.newBuilder()
        .setFeedbackId("fb-" + UUID.randomUUID())
        .setTaskId(taskId)
        .setCaseId(caseId)
        .setCustomerId(customerId)
        .setChannel(channel)
        .setOutcome(outcome)
        .setFeedbackCategory(null)
        .setFeedbackText(null)
        .setMeetingAt(null)
        .setMeetingPlace(null)
        .setRecordedBy("agent.test")
        .setRecordedAt(at)
        .build();
  }
}
