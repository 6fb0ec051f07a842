package io.winback.policy;

import io.winback.events.Channel;
import java.util.Locale;

/**
 * The stable ids of the policy's rules. They appear in every task's rationale and in dashboards,
 * so an id is never renamed; a changed rule gets a new id and a new policy version.
 */
public final class RuleIds {

  public static final String SUPPRESS_DO_NOT_CONTACT = "suppress.do-not-contact";
  public static final String SUPPRESS_DO_NOT_CONTACT_RECORDED = "suppress.do-not-contact-recorded";
  public static final String SUPPRESS_NO_ELIGIBLE_CHANNEL = "suppress.no-eligible-channel";
  public static final String SUPPRESS_ATTEMPTS_USED = "suppress.attempts-used";

  public static final String GOAL_WIN_BACK_LONG_STANDING = "goal.win-back.long-standing";
  public static final String GOAL_WIN_BACK_TIER = "goal.win-back.tier";
  public static final String GOAL_WIN_BACK_REVENUE = "goal.win-back.revenue";
  public static final String GOAL_FEEDBACK = "goal.feedback";
  public static final String GOAL_FEEDBACK_CONTRACT_ENDED = "goal.feedback.contract-ended";
  public static final String GOAL_KEPT = "goal.kept";

  public static final String PREFER_IN_PERSON_LONG_STANDING = "prefer.in-person.long-standing";
  public static final String PREFER_IN_PERSON_COMPLEX_TOPICS = "prefer.in-person.complex-topics";
  public static final String PREFER_IN_PERSON_KEY_ACCOUNT = "prefer.in-person.key-account";
  public static final String PREFER_PHONE_POSITIVE_RESPONSE = "prefer.phone.positive-response";
  public static final String PREFER_WRITTEN_FIRST_CONTACT = "prefer.written.first-contact";
  public static final String PREFER_WRITTEN_CONTRACT_ENDED = "prefer.written.contract-ended";

  public static final String FALLBACK_NEGATIVE_RESPONSE_FOR_PHONE = "fallback.negative-response-for-phone";

  public static final String FOLLOW_UP_OTHER_FAMILY = "follow-up.other-family";
  public static final String FOLLOW_UP_RETRY_NOT_REACHED = "follow-up.retry-not-reached";
  public static final String NEXT_WRITTEN_DELIVERY_FAILED = "next-written.delivery-failed";

  public static final String CUSTOMER_WISH_PHONE = "customer-wish.phone";
  public static final String CUSTOMER_WISH_IN_PERSON = "customer-wish.in-person";
  public static final String CUSTOMER_WISH_WRITTEN_ONLY = "customer-wish.written-only";
  public static final String CUSTOMER_WISH_NOT_HONOURED = "customer-wish.not-honoured";

  public static final String HOLDOUT = "holdout.no-outreach";

  public static final String DUE_WRITTEN_AT_ONCE = "due.written.at-once";
  public static final String DUE_PHONE_BUSINESS_DAYS = "due.phone.business-days";
  public static final String DUE_IN_PERSON_DAYS = "due.in-person.days";
  public static final String DUE_QUIET_HOURS = "due.quiet-hours";
  public static final String DUE_BEFORE_CONTRACT_END = "due.before-contract-end";

  private RuleIds() {}

  /** {@code eligible.email}, {@code eligible.in-person}, ...: consent and contact data are there. */
  public static String eligible(Channel channel) {
    return "eligible." + slug(channel);
  }

  /** {@code fallback.no-consent-for-phone}, ...: the channel was skipped for lack of consent. */
  public static String noConsentFor(Channel channel) {
    return "fallback.no-consent-for-" + slug(channel);
  }

  /** {@code fallback.no-contact-data-for-phone}, ...: consent is there, the contact data is not. */
  public static String noContactDataFor(Channel channel) {
    return "fallback.no-contact-data-for-" + slug(channel);
  }

  /** {@code fallback.already-used-phone}, ...: a channel is never tried twice in one case. */
  public static String alreadyUsed(Channel channel) {
    return "fallback.already-used-" + slug(channel);
  }

  /** The channel as it is spelled in rule ids: lower case, words joined by a hyphen. */
  public static String slug(Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
