package io.winback.desk.api;

import io.swagger.v3.oas.annotations.media.Schema;
import io.winback.desk.tasks.OutcomeCommand;
import io.winback.events.CancellationReason;
import io.winback.events.Outcome;
import java.time.OffsetDateTime;

/** An outcome recorded by a call-centre system; the rules (allowed outcomes, lengths) are the desk's. */
@Schema(name = "OutcomeRequest")
public record OutcomeRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What came of the task. REACHED keeps the "
        + "task open for the conversation's result; SENT only for letters and WhatsApp messages; DELIVERY_FAILED "
        + "and SUPPRESSED are recorded by the desk itself and refused here.", example = "FEEDBACK_RECEIVED",
        allowableValues = {"REACHED", "NOT_REACHED", "FEEDBACK_RECEIVED", "WON_BACK", "DECLINED", "DO_NOT_CONTACT",
            "MEETING_SCHEDULED", "SENT"})
    Outcome outcome,
    @Schema(description = "What the customer named as the reason", example = "PRICE") CancellationReason category,
    @Schema(description = "What the customer said, in their words (personal data); at most "
        + "winback.desk.max-text-length characters (2000 by default)") String text,
    @Schema(description = "ISO-8601 date-time with offset; required for MEETING_SCHEDULED",
        example = "2026-12-01T10:00:00+01:00") OffsetDateTime meetingAt,
    @Schema(description = "Where the meeting takes place; at most 200 characters") String meetingPlace) {

  OutcomeCommand toCommand() {
    return new OutcomeCommand(outcome, category, text, meetingAt == null ? null : meetingAt.toInstant(),
        meetingPlace);
  }
}
