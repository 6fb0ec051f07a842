package io.winback.monitor.cases;

/**
 * A case the churn processor published as needing an operator (NEEDS_ATTENTION): one of its
 * timers keeps failing, so it cannot move on its own. Ids and statuses only, no personal data.
 *
 * @param status the case's status, which attention does not change
 * @param reason what keeps failing, as the processor says it
 */
public record AttentionCase(String caseId, String customerId, String status, String reason, long since,
    int failures, long updatedAt) {}
