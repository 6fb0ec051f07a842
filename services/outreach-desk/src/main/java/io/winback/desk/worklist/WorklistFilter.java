package io.winback.desk.worklist;

import io.winback.events.Channel;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which tasks to list. {@code visibleTo} limits the list to a person's own and unassigned tasks
 * (agents), including the tasks assigned to {@code accountManagerId} when the person is an
 * account manager; null shows every task (leads). No {@code statuses}: every status.
 */
public record WorklistFilter(String visibleTo, String accountManagerId, Channel channel, Set<TaskStatus> statuses) {

  /** What people can still work on: not started (OPEN) or under way (SENT: reached, or a letter out). */
  public static final Set<TaskStatus> WORKABLE = Set.copyOf(EnumSet.of(TaskStatus.OPEN, TaskStatus.SENT));

  public WorklistFilter {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }
}
