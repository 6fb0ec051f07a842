package io.winback.desk.consent;

import io.winback.desk.DeskProperties;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.Channel;
import io.winback.schemas.rules.ChannelConsent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * No contact without consent, checked by the desk right before anyone acts on a task: the email
 * sender, and an agent claiming or finishing a task. The customer's CRM data must be at the desk
 * and current: the copy of the customer's CRM partition complete no longer ago than
 * {@code winback.desk.consent-max-staleness}, so a withdrawal published before that is honoured.
 */
@Component
public class ConsentCheck {

  private final CustomerRepository customers;
  private final CrmFeed feed;
  private final CustomerKeys keys;
  private final DeskProperties properties;
  private final Clock clock;

  public ConsentCheck(CustomerRepository customers, CrmFeed feed, CustomerKeys keys, DeskProperties properties,
      Clock clock) {
    this.customers = customers;
    this.feed = feed;
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  public ConsentVerdict check(WorklistItem task) {
    return check(task.customerId(), task.crmPartition(), task.channel());
  }

  public ConsentVerdict check(String customerId, int crmPartition, Channel channel) {
    // Erased is erased the moment the key ring says so, before the database has caught up with it.
    if (keys.erased(customerId)) {
      return new ConsentVerdict(ConsentVerdict.Kind.REFUSED, ConsentVerdict.ERASED);
    }
    Optional<CustomerRecord> customer = customers.find(customerId);
    // A refusal stands whatever the feed's state: newer data could only say no again or yes later.
    if (customer.isPresent()) {
      ConsentVerdict refusal = refusal(customer.get(), channel);
      if (refusal != null) {
        return refusal;
      }
    }
    if (!current(crmPartition)) {
      return new ConsentVerdict(ConsentVerdict.Kind.NOT_YET_KNOWN, ConsentVerdict.CRM_NOT_CURRENT);
    }
    return customer.isPresent() ? ConsentVerdict.ALLOWED
        : new ConsentVerdict(ConsentVerdict.Kind.NOT_YET_KNOWN, ConsentVerdict.NO_CONSENT_DATA);
  }

  /** The zone the customer's quiet hours are counted in; the desk's own zone if the CRM gave none. */
  public ZoneId zoneOf(String customerId, ZoneId fallback) {
    return customers.find(customerId).map(CustomerRecord::timezone).flatMap(ConsentCheck::zone).orElse(fallback);
  }

  private boolean current(int crmPartition) {
    Instant limit = clock.instant().minus(properties.consentMaxStaleness());
    return feed.caughtUpAt(crmPartition).map(at -> !at.isBefore(limit)).orElse(false);
  }

  private static ConsentVerdict refusal(CustomerRecord customer, Channel channel) {
    if (customer.erased()) {
      return new ConsentVerdict(ConsentVerdict.Kind.REFUSED, ConsentVerdict.ERASED);
    }
    if (customer.doNotContact()) {
      return new ConsentVerdict(ConsentVerdict.Kind.REFUSED, ConsentVerdict.DO_NOT_CONTACT);
    }
    if (!ChannelConsent.allows(customer.consent(), channel)) {
      return new ConsentVerdict(ConsentVerdict.Kind.REFUSED, ConsentVerdict.noConsentFor(channel));
    }
    return null;
  }

  private static Optional<ZoneId> zone(String id) {
    try {
      return id == null || id.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(id));
    } catch (java.time.DateTimeException unknown) {
      return Optional.empty();
    }
  }
}
