package io.winback.policy;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks candidate channels in order and takes the first usable one, keeping one rationale line per
 * channel it had to skip, so a task says why it did not go out on a more fitting channel.
 */
final class ChannelSelection {

  /** The chosen channel, if any, and the lines for every candidate looked at. */
  record Result(Optional<Channel> channel, List<Rationale> rationale) {}

  private ChannelSelection() {}

  static Result firstUsable(
      List<Channel> candidates, CustomerRelationship customer, ContactHistory history) {
    return firstUsable(candidates, customer, history, false);
  }

  /**
   * @param customersOwnWish the customer asked for these channels themselves: the article's caution about a
   *     customer who reacted badly to personal approaches gives way to their own request (consent and contact
   *     data never do)
   */
  static Result firstUsable(
      List<Channel> candidates, CustomerRelationship customer, ContactHistory history, boolean customersOwnWish) {
    List<Rationale> rationale = new ArrayList<>();
    for (Channel channel : candidates) {
      if (history.used(channel)) {
        rationale.add(new Rationale(RuleIds.alreadyUsed(channel),
            RuleIds.slug(channel) + " was already used in this case"));
      } else if (channel == Channel.PHONE && !customersOwnWish && CustomerTraits.respondedNegatively(customer)) {
        // No pushiness: a customer who reacted badly to personal approaches is not called.
        rationale.add(new Rationale(RuleIds.FALLBACK_NEGATIVE_RESPONSE_FOR_PHONE,
            "no phone call: the customer responded negatively to personal approaches"));
      } else {
        Eligibility.Verdict verdict = Eligibility.check(channel, customer);
        rationale.add(Eligibility.rationale(channel, verdict));
        if (verdict == Eligibility.Verdict.ELIGIBLE) {
          return new Result(Optional.of(channel), rationale);
        }
      }
    }
    return new Result(Optional.empty(), rationale);
  }
}
