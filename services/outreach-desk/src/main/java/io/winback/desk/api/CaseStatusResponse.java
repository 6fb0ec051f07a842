package io.winback.desk.api;

import io.swagger.v3.oas.annotations.media.Schema;
import io.winback.desk.cases.CaseStatusView;
import java.time.Instant;

/** The latest status of a case as the churn processor published it on winback.cases.v1. */
@Schema(name = "CaseStatus")
public record CaseStatusResponse(
    @Schema(example = "case-91c0") String caseId,
    @Schema(description = "OPEN, NEEDS_DATA, AWAITING_MEETING, WON_BACK, FEEDBACK_COLLECTED, DECLINED, "
        + "NO_RESPONSE, WITHDRAWN or SUPPRESSED", example = "OPEN") String status,
    @Schema(description = "Why the case is in this status, when the processor gave a reason") String statusReason,
    @Schema(description = "When the processor last changed the case (ISO-8601)") Instant updatedAt) {

  static CaseStatusResponse of(CaseStatusView view) {
    return new CaseStatusResponse(view.caseId(), view.status(), view.statusReason(), view.updatedAt());
  }
}
