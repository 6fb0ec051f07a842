package io.winback.policy;

import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import java.util.ArrayList;
import java.util.List;

/**
 * The channel the article suggests for a first outreach, as the ordered list of channels to try:
 * the preferred one first, then the gentler ones (in person, phone, written; written as email,
 * WhatsApp, letter), so a missing consent never escalates to a more direct approach.
 */
record Preference(List<Channel> candidates, List<Rationale> rationale) {

  private static final List<Channel> FROM_IN_PERSON = List.of(
      Channel.IN_PERSON, Channel.PHONE, Channel.EMAIL, Channel.WHATSAPP, Channel.LETTER);
  private static final List<Channel> FROM_PHONE = FROM_IN_PERSON.subList(1, FROM_IN_PERSON.size());
  private static final List<Channel> FROM_WRITTEN = FROM_IN_PERSON.subList(2, FROM_IN_PERSON.size());

  static Preference of(
      CancellationEvent cancellation, CustomerRelationship customer, PolicySettings settings) {
    List<Rationale> inPersonReasons = new ArrayList<>();
    if (CustomerTraits.isLongStanding(cancellation, customer, settings.longStandingYears())) {
      inPersonReasons.add(new Rationale(RuleIds.PREFER_IN_PERSON_LONG_STANDING,
          "customer for at least " + settings.longStandingYears()
              + " years: in person suits long-standing customers"));
    }
    if (CustomerTraits.hasComplexTopics(customer)) {
      inPersonReasons.add(new Rationale(RuleIds.PREFER_IN_PERSON_COMPLEX_TOPICS,
          "open complex topics: in person suits complex matters"));
    }
    if (CustomerTraits.isKeyAccount(customer)) {
      inPersonReasons.add(new Rationale(RuleIds.PREFER_IN_PERSON_KEY_ACCOUNT,
          "key account: in person, with the account manager"));
    }
    if (!inPersonReasons.isEmpty()) {
      return new Preference(FROM_IN_PERSON, inPersonReasons);
    }
    if (CustomerTraits.respondedPositively(customer)) {
      return new Preference(FROM_PHONE, List.of(new Rationale(RuleIds.PREFER_PHONE_POSITIVE_RESPONSE,
          "responded well to personal approaches before: phone")));
    }
    return new Preference(FROM_WRITTEN, List.of(new Rationale(RuleIds.PREFER_WRITTEN_FIRST_CONTACT,
        "written first contact: the customer can answer at their own pace")));
  }
}
