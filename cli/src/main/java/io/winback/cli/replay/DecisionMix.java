package io.winback.cli.replay;

import io.winback.events.Channel;
import io.winback.events.Goal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The decisions of one side of a replay, counted: channels, goals, suppressions and rules. */
public final class DecisionMix {

  private final Map<String, Integer> channels = new LinkedHashMap<>();
  private final Map<String, Integer> goals = new LinkedHashMap<>();
  private final Map<String, Integer> suppressedBy = new TreeMap<>();
  private final Map<String, Integer> rules = new TreeMap<>();

  public DecisionMix() {
    for (Channel channel : Channel.values()) {
      channels.put(channel.name(), 0);
    }
    channels.put(ReplayOutcome.SUPPRESSED, 0);
    for (Goal goal : Goal.values()) {
      goals.put(goal.name(), 0);
    }
  }

  void add(ReplayOutcome outcome) {
    channels.merge(outcome.label(), 1, Integer::sum);
    if (outcome.suppressed()) {
      suppressedBy.merge(outcome.suppressedBy(), 1, Integer::sum);
    } else {
      goals.merge(outcome.goal().name(), 1, Integer::sum);
    }
    // A rule counts once per decision, however many lines it wrote.
    outcome.rules().stream().distinct().forEach(rule -> rules.merge(rule, 1, Integer::sum));
  }

  /** Every channel in the Channel enum's order, then SUPPRESSED; zeros included. */
  public Map<String, Integer> channels() {
    return Collections.unmodifiableMap(channels);
  }

  /** Goals of the contacted cases, in the Goal enum's order. */
  public Map<String, Integer> goals() {
    return Collections.unmodifiableMap(goals);
  }

  /** Suppressed cases by their suppress.* rule, sorted by rule id. */
  public Map<String, Integer> suppressedBy() {
    return Collections.unmodifiableMap(suppressedBy);
  }

  /** Decisions each rule took part in, sorted by rule id. */
  public Map<String, Integer> rules() {
    return Collections.unmodifiableMap(rules);
  }

  /** {@code EMAIL:3,LETTER:0,...,SUPPRESSED:1}: the form of the summary line. */
  public String channelLine() {
    StringBuilder line = new StringBuilder();
    channels.forEach((label, count) -> line.append(line.isEmpty() ? "" : ",").append(label).append(':').append(count));
    return line.toString();
  }
}
