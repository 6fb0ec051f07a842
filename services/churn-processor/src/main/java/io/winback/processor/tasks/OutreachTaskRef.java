package io.winback.processor.tasks;

import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Language;

/** What a CANCEL needs to name the task it withdraws. */
public record OutreachTaskRef(String taskId, String caseId, Channel channel, Goal goal, int attempt,
    Language language) {}
