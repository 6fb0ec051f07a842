package io.winback.desk.tasks;

import io.winback.desk.DeskProperties;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with tasks, for the worklist pages and the REST API alike: claim, record an
 * outcome, reassign. Every outcome is published on outreach.feedback.v1 with a fresh feedbackId;
 * the database changes only if Kafka took it.
 */
@Service
public class TaskActions {

  private static final Logger log = LoggerFactory.getLogger(TaskActions.class);

  /** What an agent may record; DELIVERY_FAILED and SUPPRESSED are the desk's own. */
  public static final Set<Outcome> AGENT_OUTCOMES = EnumSet.of(Outcome.REACHED, Outcome.NOT_REACHED,
      Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK, Outcome.DECLINED, Outcome.DO_NOT_CONTACT,
      Outcome.MEETING_SCHEDULED, Outcome.SENT);

  private final WorklistRepository worklist;
  private final Outcomes outcomes;
  private final Suppression suppression;
  private final DeskProperties properties;
  private final Clock clock;

  public TaskActions(WorklistRepository worklist, Outcomes outcomes, Suppression suppression,
      DeskProperties properties, Clock clock) {
    this.worklist = worklist;
    this.outcomes = outcomes;
    this.suppression = suppression;
    this.properties = properties;
    this.clock = clock;
  }

  public WorklistItem task(String taskId) {
    return worklist.find(taskId).orElseThrow(() -> new TaskProblem.NotFound(taskId));
  }

  /** Claims a task for {@code user}; exactly one of two agents claiming at once wins. */
  public WorklistItem claim(String taskId, String user) {
    WorklistItem item = task(taskId);
    requireOpen(item);
    requireConsent(item);
    if (!worklist.claim(taskId, user, clock.instant())) {
      WorklistItem now = task(taskId);
      throw new TaskProblem.Conflict("the task was already claimed by " + now.claimedBy());
    }
    log.info("task {} claimed by {}", taskId, user);
    return task(taskId);
  }

  /** A lead hands an open task to another person. */
  public WorklistItem reassign(String taskId, String toUser, String lead) {
    WorklistItem item = task(taskId);
    requireOpen(item);
    if (properties.users().stream().noneMatch(user -> user.username().equals(toUser))) {
      throw new TaskProblem.Invalid("assignee", "no such user: " + toUser);
    }
    worklist.reassign(taskId, toUser, clock.instant());
    log.info("task {} reassigned to {} by {}", taskId, toUser, lead);
    return task(taskId);
  }

  /**
   * Records an outcome and publishes it; returns the task as it now stands. An unclaimed task is
   * claimed by {@code user} on the way. A suppression found on the way (no consent) was published
   * already and is kept: a Conflict does not roll back.
   */
  @Transactional(noRollbackFor = TaskProblem.Conflict.class)
  public WorklistItem record(String taskId, String user, boolean lead, OutcomeCommand command) {
    validate(command);
    WorklistItem item = task(taskId);
    if (item.status() != TaskStatus.OPEN && item.status() != TaskStatus.SENT) {
      throw new TaskProblem.Conflict("the task is " + item.status() + "; no outcome can be recorded any more");
    }
    if (item.claimedBy() != null && !item.claimedBy().equals(user) && !lead) {
      throw new TaskProblem.Conflict("the task is claimed by " + item.claimedBy());
    }
    if (command.outcome() == Outcome.SENT && item.channel() != Channel.LETTER && item.channel() != Channel.WHATSAPP) {
      throw new TaskProblem.Invalid("outcome", "SENT is recorded by hand only for letters and WhatsApp messages");
    }
    if (item.status() == TaskStatus.OPEN) {
      requireConsent(item);
    }
    TaskStatus next = switch (command.outcome()) {
      case REACHED -> TaskStatus.OPEN; // the conversation's result follows
      case SENT -> TaskStatus.SENT;
      default -> TaskStatus.DONE;
    };
    // Claimed before it is finished: claim() only takes OPEN tasks.
    if (item.claimedBy() == null && item.status() == TaskStatus.OPEN && !worklist.claim(taskId, user, clock.instant())) {
      throw new TaskProblem.Conflict("the task was claimed by someone else meanwhile; reload it");
    }
    if (!worklist.finish(taskId, List.of(item.status()), next, command.outcome().name(), clock.instant())) {
      throw new TaskProblem.Conflict("the task changed meanwhile; reload it");
    }
    outcomes.publish(item, command.outcome(), user, null, command.category(), command.text(), command.meetingAt(),
        command.meetingPlace());
    log.info("outcome {} recorded for task {} by {}", command.outcome(), taskId, user);
    return task(taskId);
  }

  private void validate(OutcomeCommand command) {
    if (command.outcome() == null) {
      throw new TaskProblem.Invalid("outcome", "an outcome is required");
    }
    if (!AGENT_OUTCOMES.contains(command.outcome())) {
      throw new TaskProblem.Invalid("outcome", command.outcome() + " is recorded by the desk itself");
    }
    if (command.text() != null && command.text().length() > properties.maxTextLength()) {
      throw new TaskProblem.Invalid("text", "at most " + properties.maxTextLength() + " characters");
    }
    if (command.meetingPlace() != null && command.meetingPlace().length() > 200) {
      throw new TaskProblem.Invalid("meetingPlace", "at most 200 characters");
    }
    if (command.outcome() == Outcome.MEETING_SCHEDULED && command.meetingAt() == null) {
      throw new TaskProblem.Invalid("meetingAt", "a scheduled meeting needs its date and time");
    }
  }

  private static void requireOpen(WorklistItem item) {
    if (item.status() != TaskStatus.OPEN) {
      throw new TaskProblem.Conflict("the task is " + item.status());
    }
  }

  /** No contact without consent: checked again against the latest CRM data before anyone acts. */
  private void requireConsent(WorklistItem item) {
    if (!worklist.mayContact(item.customerId(), item.channel())) {
      suppression.suppress(item);
      throw new TaskProblem.Conflict("the customer no longer consents to " + item.channel()
          + "; the task was recorded as suppressed");
    }
  }
}
