package io.winback.policy;

import io.winback.events.Goal;
import java.util.Objects;

/** The goal of a case and the rule that set it; the entry goes first in every task's rationale. */
public record GoalChoice(Goal goal, Rationale rationale) {

  public GoalChoice {
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(rationale, "rationale");
  }
}
