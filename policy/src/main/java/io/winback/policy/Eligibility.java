package io.winback.policy;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.rules.ChannelConsent;

/**
 * Whether a channel may be used for a customer: only with the customer's consent for that channel
 * and the contact data it needs. Nothing is assumed: a missing consent record means no consent.
 * Public so that executors can check again right before they act, consent may have changed.
 */
public final class Eligibility {

  /** The outcome of the check; when both are missing, the missing consent is what counts. */
  public enum Verdict { ELIGIBLE, NO_CONSENT, NO_CONTACT_DATA }

  private Eligibility() {}

  public static boolean isEligible(Channel channel, CustomerRelationship customer) {
    return check(channel, customer) == Verdict.ELIGIBLE;
  }

  public static Verdict check(Channel channel, CustomerRelationship customer) {
    if (!ChannelConsent.allows(customer.getConsent(), channel)) {
      return Verdict.NO_CONSENT;
    }
    return hasContactData(channel, customer) ? Verdict.ELIGIBLE : Verdict.NO_CONTACT_DATA;
  }

  /** The rationale entry that explains the verdict, without any of the customer's data. */
  static Rationale rationale(Channel channel, Verdict verdict) {
    String consent = consentName(channel);
    String data = contactDataName(channel);
    return switch (verdict) {
      case ELIGIBLE -> new Rationale(RuleIds.eligible(channel),
          "consent for " + consent + ", " + data + " on file");
      case NO_CONSENT -> new Rationale(RuleIds.noConsentFor(channel),
          "no consent for " + consent);
      case NO_CONTACT_DATA -> new Rationale(RuleIds.noContactDataFor(channel),
          "consent for " + consent + " but no " + data + " on file");
    };
  }

  private static boolean hasContactData(Channel channel, CustomerRelationship customer) {
    return switch (channel) {
      case EMAIL -> present(customer.getEmail());
      case PHONE, WHATSAPP -> present(customer.getPhone());
      case LETTER -> customer.getPostalAddress() != null;
      case IN_PERSON -> customer.getAccountManager() != null
          && present(customer.getAccountManager().getId());
    };
  }

  // A blank string from the CRM is as good as no data: nothing could be sent to it.
  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String consentName(Channel channel) {
    return switch (channel) {
      case EMAIL -> "email";
      case PHONE -> "phone calls";
      case LETTER -> "letters";
      case WHATSAPP -> "WhatsApp";
      case IN_PERSON -> "visits";
    };
  }

  private static String contactDataName(Channel channel) {
    return switch (channel) {
      case EMAIL -> "email address";
      case PHONE, WHATSAPP -> "phone number";
      case LETTER -> "postal address";
      case IN_PERSON -> "account manager";
    };
  }
}
