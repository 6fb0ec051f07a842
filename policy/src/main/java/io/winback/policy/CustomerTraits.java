package io.winback.policy;

import io.winback.events.CancellationEvent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Tier;
import java.time.LocalDate;

/** The facts about a customer that several rules share, each computed in one place. */
final class CustomerTraits {

  private CustomerTraits() {}

  /**
   * Customer for at least {@code years} years on the day of the cancellation. The day is taken in
   * the customer's zone so that a cancellation late in the evening counts on the customer's date.
   */
  static boolean isLongStanding(
      CancellationEvent cancellation, CustomerRelationship customer, int years) {
    LocalDate since = customer.getCustomerSince();
    if (since == null || cancellation.getOccurredAt() == null) {
      return false;
    }
    LocalDate cancelledOn = cancellation.getOccurredAt()
        .atZone(DueDates.zoneOf(customer.getTimezone()))
        .toLocalDate();
    return !since.plusYears(years).isAfter(cancelledOn);
  }

  static boolean hasComplexTopics(CustomerRelationship customer) {
    return customer.getOpenComplexTopics() >= 1;
  }

  static boolean isKeyAccount(CustomerRelationship customer) {
    return customer.getTier() == Tier.KEY_ACCOUNT;
  }

  static boolean respondedPositively(CustomerRelationship customer) {
    return customer.getPersonalContactResponse() == ContactResponse.POSITIVE;
  }

  static boolean respondedNegatively(CustomerRelationship customer) {
    return customer.getPersonalContactResponse() == ContactResponse.NEGATIVE;
  }
}
