package io.winback.processor.cases;

import io.winback.events.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids: the same cancellation always opens the same case and the same outreach
 * always gets the same task id, so a re-delivered event can never open a second case or task.
 */
public final class CaseIds {

  private CaseIds() {}

  public static String caseId(String cancellationEventId) {
    return "case-" + uuid("case/" + cancellationEventId);
  }

  public static String taskId(String caseId, int attempt, Channel channel) {
    return "task-" + uuid("task/" + caseId + "/" + attempt + "/" + channel.name());
  }

  private static UUID uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
