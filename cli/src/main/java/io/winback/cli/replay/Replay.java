package io.winback.cli.replay;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.Cohort;
import io.winback.events.CustomerRelationship;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.ContactHistory;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides past cancellations twice, with today's policy and with a proposed one, exactly as the
 * processor decides a new case: the first contact, nothing tried yet in the case, a DO_NOT_CONTACT
 * recorded earlier, on the customer's CRM record, at the time the cancellation was published. A pure
 * function of its inputs.
 *
 * <p>What the processor would not decide is skipped and counted: withdrawals, a re-delivered event id,
 * erased customers and customers without CRM data.
 */
public final class Replay {

  private final ChannelPolicy before;
  private final ChannelPolicy after;

  public Replay(ChannelPolicy before, ChannelPolicy after) {
    this.before = before;
    this.after = after;
  }

  /**
   * @param doNotContactSince when a customer's DO_NOT_CONTACT was recorded; a cancellation published after
   *                          it is decided with that in the history, as the processor would
   */
  public ReplayResult run(List<PastCancellation> cancellations, CrmSnapshot crm, Map<String, Instant> doNotContactSince,
      int undecodable) {
    ReplayResult result = new ReplayResult();
    result.skip(Skip.UNDECODABLE, undecodable);
    Set<String> seen = new HashSet<>();
    for (PastCancellation past : cancellations) {
      CancellationEvent event = past.event();
      String customerId = event.getCustomerId();
      if (event.getType() == CancellationType.WITHDRAWN) {
        result.skip(Skip.WITHDRAWAL, 1);
      } else if (!seen.add(event.getEventId())) {
        result.skip(Skip.DUPLICATE, 1);
      } else if (crm.erased().contains(customerId)) {
        result.skip(Skip.ERASED, 1);
      } else if (!crm.current().containsKey(customerId)) {
        result.skip(Skip.NO_CRM_DATA, 1);
      } else {
        Instant recorded = doNotContactSince.get(customerId);
        ContactHistory history = new ContactHistory(recorded != null && recorded.isBefore(past.publishedAt()), Set.of());
        decide(past, crm.current().get(customerId), history, result);
      }
    }
    return result;
  }

  private void decide(PastCancellation past, CustomerRelationship customer, ContactHistory history,
      ReplayResult result) {
    ReplayOutcome then;
    ReplayOutcome proposed;
    try {
      then = decide(before, past, customer, history);
      proposed = decide(after, past, customer, history);
    } catch (RuntimeException e) {
      result.skip(Skip.REFUSED, 1);
      return;
    }
    result.add(new ReplayedCase(past.event().getCustomerId(), past.event().getEventId(), then, proposed));
  }

  /**
   * As the processor opens a case: a customer in the holdout group gets no outreach at all, asked before any
   * decision (so {@code --set holdout-percent=…} shows who would no longer be contacted); everyone else is decided.
   */
  private static ReplayOutcome decide(ChannelPolicy policy, PastCancellation past, CustomerRelationship customer,
      ContactHistory history) {
    if (policy.cohort(past.event().getCustomerId()) == Cohort.HOLDOUT) {
      return ReplayOutcome.holdout();
    }
    return ReplayOutcome.of(policy.decide(past.event(), customer, history, past.publishedAt()));
  }
}
