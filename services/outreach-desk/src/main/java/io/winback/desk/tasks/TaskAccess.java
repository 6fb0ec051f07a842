package io.winback.desk.tasks;

import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistFilter;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.Channel;
import io.winback.security.Roles;
import io.winback.security.WinbackUser;
import java.util.Objects;
import java.util.Set;

/**
 * Who may see and act on which task, for the pages and the API alike. A LEAD: every task. An
 * AGENT: the tasks they claimed, and unclaimed ones that are unassigned or assigned to them (an
 * account manager's in-person tasks carry their CRM id); never a task someone else claimed, never
 * another account manager's in-person task. A task one may not see does not exist for them (404).
 */
public final class TaskAccess {

  private TaskAccess() {}

  public static boolean canSee(WinbackUser user, WorklistItem task) {
    if (user.has(Roles.LEAD)) {
      return true;
    }
    if (!user.has(Roles.AGENT)) {
      return false;
    }
    if (task.claimedBy() != null) {
      return task.claimedBy().equals(user.username());
    }
    return eligible(user, task);
  }

  /**
   * Whether the task is one of theirs to take, whoever claimed it since: an agent who lost a race
   * for it hears "already claimed" instead of "no such task".
   */
  public static boolean eligible(WinbackUser user, WorklistItem task) {
    if (user.has(Roles.LEAD)) {
      return true;
    }
    if (!user.has(Roles.AGENT)) {
      return false;
    }
    if (task.assignee() == null) {
      return task.channel() != Channel.IN_PERSON;
    }
    return task.assignee().equals(user.username()) || Objects.equals(task.assignee(), user.accountManagerId());
  }

  /** The worklist query for this person: everything for a lead, else what {@link #canSee} allows. */
  public static WorklistFilter worklist(WinbackUser user, Channel channel, Set<TaskStatus> statuses) {
    return new WorklistFilter(user.has(Roles.LEAD) ? null : user.username(), user.accountManagerId(), channel,
        statuses);
  }
}
