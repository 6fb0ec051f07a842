package io.winback.policy;

import io.winback.events.Channel;
import io.winback.events.Goal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What the policy decided for one outreach: contact the customer on a channel, or not at all. */
public sealed interface Decision permits Decision.Contact, Decision.Suppress {

  /** The rules that decided it, in the order they were applied, one line each. */
  List<Rationale> rationale();

  /**
   * Contact the customer.
   *
   * @param assignee the account manager's id for IN_PERSON; {@code null} for every other channel
   */
  record Contact(Channel channel, Goal goal, Instant dueAt, String assignee, List<Rationale> rationale)
      implements Decision {

    public Contact {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(dueAt, "dueAt");
      if ((channel == Channel.IN_PERSON) == (assignee == null)) {
        throw new IllegalArgumentException("an in-person outreach, and only that, has an assignee");
      }
      rationale = List.copyOf(rationale);
    }
  }

  /**
   * Do not contact the customer; {@code reason} is one line, fit for the case's status reason.
   *
   * @param ground why not: the customer does not want it, no channel may be used, or the case has
   *     used its attempts
   */
  record Suppress(Ground ground, String reason, List<Rationale> rationale) implements Decision {

    public enum Ground { DO_NOT_CONTACT, NO_ELIGIBLE_CHANNEL, ATTEMPTS_USED }

    public Suppress {
      Objects.requireNonNull(ground, "ground");
      Objects.requireNonNull(reason, "reason");
      rationale = List.copyOf(rationale);
    }
  }
}
