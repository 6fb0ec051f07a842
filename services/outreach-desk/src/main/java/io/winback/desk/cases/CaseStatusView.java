package io.winback.desk.cases;

import java.time.Instant;

/** The latest status of a case as the processor published it. */
public record CaseStatusView(String caseId, String status, String statusReason, Instant updatedAt) {}
