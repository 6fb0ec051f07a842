package io.winback.policy;

import io.winback.events.Channel;
import io.winback.events.CustomerChoice;
import java.util.Optional;

/**
 * The way the customer asked to be contacted in this case, on the preference page ("der Kunde
 * entscheidet den Weg"). A pure input to the policy: it outranks the article's preferences for the
 * case, never consent, contact data, quiet hours or the contract end. "No further contact" is no
 * wish but a do-not-contact ({@link ContactHistory#doNotContactRecorded}).
 */
public enum CustomerWish {
  /** Every later attempt of the case in writing only. */
  WRITTEN_ONLY,
  /** A call, at once, instead of what the article's rules would do next. */
  PHONE,
  /** A conversation in person, with the account manager. */
  IN_PERSON;

  /** The wish a choice expresses; none for NONE, null and NO_CONTACT (which is a do-not-contact). */
  public static Optional<CustomerWish> of(CustomerChoice choice) {
    if (choice == null) {
      return Optional.empty();
    }
    return switch (choice) {
      case WRITTEN_ONLY -> Optional.of(WRITTEN_ONLY);
      case PHONE -> Optional.of(PHONE);
      case IN_PERSON -> Optional.of(IN_PERSON);
      case NONE, NO_CONTACT -> Optional.empty();
    };
  }

  /** The channel a call or a visit is made on; none for WRITTEN_ONLY, which is not one channel. */
  public Optional<Channel> channel() {
    return switch (this) {
      case WRITTEN_ONLY -> Optional.empty();
      case PHONE -> Optional.of(Channel.PHONE);
      case IN_PERSON -> Optional.of(Channel.IN_PERSON);
    };
  }

  /** The rationale line that names the wish; it goes first in the task that honours it. */
  Rationale rationale() {
    return switch (this) {
      case WRITTEN_ONLY -> new Rationale(RuleIds.CUSTOMER_WISH_WRITTEN_ONLY,
          "the customer asked to be contacted only in writing");
      case PHONE -> new Rationale(RuleIds.CUSTOMER_WISH_PHONE, "the customer asked for a call");
      case IN_PERSON -> new Rationale(RuleIds.CUSTOMER_WISH_IN_PERSON, "the customer asked to talk in person");
    };
  }
}
