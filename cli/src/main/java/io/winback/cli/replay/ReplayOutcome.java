package io.winback.cli.replay;

import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.policy.Decision;
import io.winback.policy.Rationale;
import io.winback.policy.RuleIds;
import java.util.List;
import java.util.Objects;

/**
 * What one policy decided for a past cancellation, reduced to what replay compares: the channel of
 * the first task (none when suppressed), its goal, the suppression rule, and every rule that fired.
 *
 * @param channel      the first task's channel; null when the customer is not contacted
 * @param goal         the goal of that task; null when suppressed (a goal says what a contact aims at)
 * @param suppressedBy the {@code suppress.*} rule that kept the customer from being contacted; null otherwise
 * @param rules        the rule ids of the decision's rationale, in the order they were applied
 */
public record ReplayOutcome(Channel channel, Goal goal, String suppressedBy, List<String> rules) {

  /** The label of a decision that contacts nobody, after the channels in mixes and on the summary line. */
  public static final String SUPPRESSED = "SUPPRESSED";

  public ReplayOutcome {
    rules = List.copyOf(rules);
    if ((channel == null) != (suppressedBy != null) || (channel == null) != (goal == null)) {
      throw new IllegalArgumentException("a contact has a channel and a goal, a suppression only its rule");
    }
  }

  public static ReplayOutcome of(Decision decision) {
    List<String> rules = decision.rationale().stream().map(Rationale::ruleId).toList();
    if (decision instanceof Decision.Contact contact) {
      return new ReplayOutcome(contact.channel(), contact.goal(), null, rules);
    }
    return new ReplayOutcome(null, null, suppressionRule(rules), rules);
  }

  /** A customer of the holdout group: not contacted, by the holdout rule, and with nothing else decided. */
  public static ReplayOutcome holdout() {
    return new ReplayOutcome(null, null, RuleIds.HOLDOUT, List.of(RuleIds.HOLDOUT));
  }

  public boolean suppressed() {
    return channel == null;
  }

  /** The channel's name, or {@value #SUPPRESSED}. */
  public String label() {
    return suppressed() ? SUPPRESSED : channel.name();
  }

  /** A case changes when its channel, its goal or whether it is contacted at all changes. */
  public boolean differsFrom(ReplayOutcome other) {
    return channel != other.channel || goal != other.goal;
  }

  /** The decision in a few words, for the list of changes: {@code PHONE/FEEDBACK}, {@code SUPPRESSED}. */
  public String summary() {
    return suppressed() ? SUPPRESSED : channel.name() + "/" + goal.name();
  }

  /** The last suppress.* rule of the rationale: the one that ended the decision. */
  private static String suppressionRule(List<String> rules) {
    String found = null;
    for (String rule : rules) {
      if (rule.startsWith("suppress.")) {
        found = rule;
      }
    }
    return Objects.requireNonNullElse(found, "suppress.unknown");
  }
}
