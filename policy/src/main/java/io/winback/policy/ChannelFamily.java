package io.winback.policy;

import io.winback.events.Channel;

/**
 * How directly a channel approaches the customer. A follow-up always changes family: a second
 * email after an unanswered one would only be persistence, not a new offer to talk.
 */
public enum ChannelFamily {
  WRITTEN,
  PHONE,
  IN_PERSON;

  public static ChannelFamily of(Channel channel) {
    return switch (channel) {
      case EMAIL, LETTER, WHATSAPP -> WRITTEN;
      case PHONE -> PHONE;
      case IN_PERSON -> IN_PERSON;
    };
  }
}
