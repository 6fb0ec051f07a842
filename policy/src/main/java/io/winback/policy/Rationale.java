package io.winback.policy;

import java.util.Objects;

/**
 * One rule that contributed to a decision: a stable rule id (see {@link RuleIds}) and a one-line
 * English reason. The reason never carries personal data, because it travels on every task and
 * ends up in worklists and logs.
 */
public record Rationale(String ruleId, String reason) {

  public Rationale {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(reason, "reason");
    if (reason.contains("\n") || reason.contains("\r")) {
      throw new IllegalArgumentException("a rationale reason is one line");
    }
  }
}
