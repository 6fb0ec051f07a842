package io.winback.schemas.rules;

import io.winback.events.Channel;
import io.winback.events.Consent;

/**
 * Which consent flag of the CRM's record covers which channel. The processor checks it when it
 * decides, the desk again right before anyone acts; nothing is assumed: no record, no consent.
 */
public final class ChannelConsent {

  private ChannelConsent() {}

  public static boolean allows(Consent consent, Channel channel) {
    if (consent == null || channel == null) {
      return false;
    }
    return switch (channel) {
      case EMAIL -> consent.getEmail();
      case PHONE -> consent.getPhone();
      case LETTER -> consent.getLetter();
      case WHATSAPP -> consent.getWhatsapp();
      case IN_PERSON -> consent.getVisit();
    };
  }
}
