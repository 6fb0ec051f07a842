package io.winback.desk.tasks;

import io.winback.events.CancellationReason;
import io.winback.events.Outcome;
import java.time.Instant;

/** An outcome as a person records it. Free text is bounded and only ever rendered escaped. */
public record OutcomeCommand(Outcome outcome, CancellationReason category, String text, Instant meetingAt,
    String meetingPlace) {}
