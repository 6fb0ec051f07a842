package io.winback.desk.tasks;

import io.winback.desk.DeskProperties;
import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.outbox.FeedbackRelay;
import io.winback.desk.people.People;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.security.Roles;
import io.winback.security.WinbackUser;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do with tasks, for the worklist pages and the REST API alike: claim, record an
 * outcome, reassign. An outcome is recorded with the task's change in one database transaction
 * (the transactional outbox); Kafka being away delays it, and never loses or doubles it.
 */
@Service
public class TaskActions {

  private static final Logger log = LoggerFactory.getLogger(TaskActions.class);
  /** How long an agent's request waits to hear that the outcome reached the broker. */
  private static final Duration PUBLISH_WAIT = Duration.ofMillis(1500);

  /** What an agent may record; DELIVERY_FAILED and SUPPRESSED are the desk's own. */
  public static final Set<Outcome> AGENT_OUTCOMES = EnumSet.of(Outcome.REACHED, Outcome.NOT_REACHED,
      Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK, Outcome.DECLINED, Outcome.DO_NOT_CONTACT,
      Outcome.MEETING_SCHEDULED, Outcome.SENT);

  /** An outcome recorded for a task; {@code published}: the broker has it already. */
  public record Recorded(WorklistItem task, String feedbackId, boolean published) {}

  private final WorklistRepository worklist;
  private final Outcomes outcomes;
  private final Suppression suppression;
  private final ConsentCheck consent;
  private final FeedbackRelay relay;
  private final People people;
  private final DeskProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public TaskActions(WorklistRepository worklist, Outcomes outcomes, Suppression suppression, ConsentCheck consent,
      FeedbackRelay relay, People people, DeskProperties properties, PlatformTransactionManager transactions,
      Clock clock) {
    this.worklist = worklist;
    this.outcomes = outcomes;
    this.suppression = suppression;
    this.consent = consent;
    this.relay = relay;
    this.people = people;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** The task, if {@code user} may see it ({@link TaskAccess}); else, for them, there is none. */
  public WorklistItem task(String taskId, WinbackUser user) {
    return worklist.find(taskId).filter(item -> TaskAccess.canSee(user, item))
        .orElseThrow(() -> new TaskProblem.NotFound(taskId));
  }

  /** Claims a task for {@code user}; of two agents claiming at once, on any replicas, exactly one wins. */
  public WorklistItem claim(String taskId, WinbackUser user) {
    WorklistItem item = worklist.find(taskId).filter(found -> TaskAccess.eligible(user, found))
        .orElseThrow(() -> new TaskProblem.NotFound(taskId));
    if (item.claimedBy() != null && !item.claimedBy().equals(user.username()) && !user.has(Roles.LEAD)) {
      throw new TaskProblem.Conflict("the task was already claimed by " + item.claimedBy());
    }
    requireOpen(item);
    requireConsent(item);
    if (!worklist.claim(taskId, user.username(), clock.instant())) {
      WorklistItem now = worklist.find(taskId).orElseThrow(() -> new TaskProblem.NotFound(taskId));
      throw new TaskProblem.Conflict(now.status() == TaskStatus.OPEN
          ? "the task was already claimed by " + now.claimedBy() : "the task is " + now.status());
    }
    log.info("task {} claimed by {}", taskId, user.username());
    return task(taskId, user);
  }

  /** A lead hands an open task to another person the desk knows as an agent. */
  public WorklistItem reassign(String taskId, String toUser, WinbackUser lead) {
    if (!lead.has(Roles.LEAD)) {
      throw new TaskProblem.NotFound(taskId);
    }
    WorklistItem item = task(taskId, lead);
    requireOpen(item);
    if (people.find(toUser).isEmpty()) {
      throw new TaskProblem.Invalid("assignee", "no such user: " + toUser);
    }
    if (!worklist.reassign(taskId, toUser, clock.instant())) {
      throw new TaskProblem.Conflict("the task is no longer open");
    }
    log.info("task {} reassigned to {} by {}", taskId, toUser, lead.username());
    return task(taskId, lead);
  }

  /**
   * Records an outcome: the task's change and the feedback for outreach.feedback.v1 in one
   * transaction, the feedbackId fixed there. An unclaimed task is claimed by {@code user} on the
   * way. Then waits briefly for the relay; {@link Recorded#published()} false means recorded and
   * on its way once Kafka is back.
   */
  public Recorded record(String taskId, WinbackUser by, OutcomeCommand command) {
    validate(command);
    WorklistItem item = task(taskId, by);
    String user = by.username();
    boolean lead = by.has(Roles.LEAD);
    if (!OutcomeRules.isOpen(item.status())) {
      throw new TaskProblem.Conflict("the task is " + item.status() + "; no outcome can be recorded any more");
    }
    if (item.claimedBy() != null && !item.claimedBy().equals(user) && !lead) {
      throw new TaskProblem.Conflict("the task is claimed by " + item.claimedBy());
    }
    if (command.outcome() == Outcome.SENT && item.channel() != Channel.LETTER && item.channel() != Channel.WHATSAPP) {
      throw new TaskProblem.Invalid("outcome", "SENT is recorded by hand only for letters and WhatsApp messages");
    }
    if (item.status() == TaskStatus.OPEN) {
      refuseWithoutConsent(item);
    }
    TaskStatus next = OutcomeRules.next(item.status(), command.outcome()).orElseThrow(() ->
        new TaskProblem.NotAllowed(OutcomeRules.rejection(item.status(), command.outcome())));
    OutreachFeedback feedback = transaction.execute(status -> {
      // Claimed before it is finished: claim() only takes OPEN tasks.
      if (item.claimedBy() == null && item.status() == TaskStatus.OPEN
          && !worklist.claim(taskId, user, clock.instant())) {
        throw new TaskProblem.Conflict("the task was claimed by someone else meanwhile; reload it");
      }
      if (!worklist.finish(taskId, List.of(item.status()), next, command.outcome().name(), null, clock.instant())) {
        throw new TaskProblem.Conflict("the task changed meanwhile; reload it");
      }
      return outcomes.record(item, command, user);
    });
    log.info("outcome {} recorded for task {} by {} as {}", command.outcome(), taskId, user,
        feedback.getFeedbackId());
    boolean published = relay.awaitPublished(feedback.getFeedbackId(), PUBLISH_WAIT);
    return new Recorded(task(taskId, by), feedback.getFeedbackId(), published);
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

  /**
   * No contact without consent: before an agent takes a task to contact the customer, the desk's
   * current CRM data must allow it. A refusal suppresses the task; data not known yet (the CRM
   * record not arrived, or the desk's copy of the CRM not current) holds the agent back.
   */
  private void requireConsent(WorklistItem item) {
    ConsentVerdict verdict = consent.check(item);
    if (verdict.allowed()) {
      return;
    }
    refuseWithoutConsent(item, verdict);
    throw new TaskProblem.NotYet("the customer's consent is not known yet (" + verdict.reason()
        + "); try again in a moment");
  }

  /**
   * Recording what came of a contact needs no current CRM data (the contact has happened, and the
   * truth must be recorded even while Kafka is away); only a known refusal stops it, and
   * suppresses the task.
   */
  private void refuseWithoutConsent(WorklistItem item) {
    refuseWithoutConsent(item, consent.check(item));
  }

  private void refuseWithoutConsent(WorklistItem item, ConsentVerdict verdict) {
    if (verdict.refused()) {
      suppression.suppress(item, verdict.reason());
      throw new TaskProblem.Conflict("the customer does not consent to " + item.channel() + " (" + verdict.reason()
          + "); the task was recorded as suppressed");
    }
  }
}
