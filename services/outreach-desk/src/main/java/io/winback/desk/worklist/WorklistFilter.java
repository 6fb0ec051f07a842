package io.winback.desk.worklist;

import io.winback.events.Channel;

/**
 * Which tasks to list. {@code visibleTo} limits the list to a person's own and unassigned tasks
 * (agents), including the tasks assigned to {@code accountManagerId} when the person is an
 * account manager; null shows every task (leads).
 */
public record WorklistFilter(String visibleTo, String accountManagerId, Channel channel, TaskStatus status) {

  public WorklistFilter(String visibleTo, Channel channel, TaskStatus status) {
    this(visibleTo, null, channel, status);
  }
}
