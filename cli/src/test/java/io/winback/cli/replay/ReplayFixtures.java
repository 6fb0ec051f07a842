package io.winback.cli.replay;

import io.winback.events.AccountManager;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Tier;
import io.winback.schemas.serde.TrustedPackages;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Customers who differ only in their tenure: consent for every channel, the contact data for it,
 * an account manager, a positive response to personal approaches, STANDARD tier and a small
 * contract. With today's settings those with fewer than 5 years get a call (goal FEEDBACK), the
 * others a visit (goal WIN_BACK).
 */
public final class ReplayFixtures {

  static {
    TrustedPackages.install();
  }

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private ReplayFixtures() {}

  /** A customer who has been one for exactly {@code years} years on the day of {@code cancelledAt}. */
  public static CustomerRelationship customer(String customerId, int years, Instant cancelledAt) {
    LocalDate cancelledOn = cancelledAt.atZone(BERLIN).toLocalDate();
    return CustomerRelationship.newBuilder()
        .setCustomerId(customerId)
        .setFirstName("Anna")
        .setLastName("Schmidt")
        .setTimezone(BERLIN.getId())
        .setEmail("anna.schmidt@example.de")
        .setPhone("+4930123456")
        .setConsent(Consent.newBuilder().setEmail(true).setPhone(true).setLetter(true).setWhatsapp(true)
            .setVisit(true).build())
        .setCustomerSince(cancelledOn.minusYears(years))
        .setTier(Tier.STANDARD)
        .setPersonalContactResponse(ContactResponse.POSITIVE)
        .setAccountManager(AccountManager.newBuilder().setId("am-4711").setName("Jonas Becker").build())
        .build();
  }

  public static CancellationEvent cancellation(String eventId, String customerId, Instant cancelledAt) {
    return CancellationEvent.newBuilder()
        .setEventId(eventId)
        .setType(CancellationType.CANCELLED)
        .setCustomerId(customerId)
        .setContractId("K-" + customerId)
        .setProduct("Glasfaser 250")
        .setOccurredAt(cancelledAt)
        .setEffectiveAt(cancelledAt.atZone(BERLIN).toLocalDate().plusMonths(3))
        .setReason(CancellationReason.PRICE)
        .setMonthlyRevenue(new BigDecimal("49.90"))
        .build();
  }

  public static CancellationEvent withdrawal(String eventId, String customerId, Instant at) {
    return CancellationEvent.newBuilder(cancellation(eventId, customerId, at)).setType(CancellationType.WITHDRAWN)
        .build();
  }
}
