package io.winback.processor.cases;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.OutcomeEntry;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.processor.policy.ChannelFamily;
import io.winback.processor.policy.ChannelPolicy;
import io.winback.processor.policy.ContactHistory;
import io.winback.processor.policy.Decision;
import io.winback.processor.policy.DueDates;
import io.winback.processor.policy.Rationale;
import io.winback.processor.policy.RuleIds;
import io.winback.processor.tasks.OutreachTaskRef;
import io.winback.processor.tasks.TaskFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The case lifecycle as a pure state machine: (case, event, now) to (case, effects). It never
 * reads a clock or a store; the topology hands it what it needs and carries out the effects.
 */
public final class CaseLifecycle {

  private final ChannelPolicy policy;
  private final DueDates dueDates;
  private final TaskFactory tasks;
  private final Duration dataGrace;

  public CaseLifecycle(ChannelPolicy policy, TaskFactory tasks, Duration dataGrace) {
    this.policy = policy;
    this.dueDates = new DueDates(policy.settings());
    this.tasks = tasks;
    this.dataGrace = dataGrace;
  }

  /** A new cancellation opens a case; without CRM data it waits, and nobody is contacted. */
  public Transition open(CancellationEvent cancellation, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    String caseId = CaseIds.caseId(cancellation.getEventId());
    WinbackCase state = WinbackCase.newBuilder()
        .setCaseId(caseId)
        .setCustomerId(cancellation.getCustomerId())
        .setCancellationEventId(cancellation.getEventId())
        .setStatus(CaseStatus.OPEN)
        .setStatusReason("waiting for the customer's CRM data")
        .setGoal(null)
        .setTasks(List.of())
        .setOutcomes(List.of())
        .setOpenedAt(now)
        .setClosedAt(null)
        .setUpdatedAt(now)
        .build();
    CaseFile file = new CaseFile(state, cancellation);
    if (customer == null) {
      return new Transition(file, List.of(new Effect.StartTimer(
          new Effect.Timer(Effect.Timer.Kind.DATA_GRACE, now.plus(dataGrace), caseId, null))));
    }
    return decide(file, customer, doNotContactRecorded, now);
  }

  /** The CRM data arrived: a waiting case (also one already marked NEEDS_DATA) proceeds. */
  public Transition relationshipArrived(CaseFile file, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (!file.awaitingData()) {
      return Transition.unchanged(file);
    }
    return decide(file, customer, doNotContactRecorded, now);
  }

  /** The grace period passed without CRM data: the case is published as NEEDS_DATA and counted. */
  public Transition dataGraceExpired(CaseFile file, Instant now) {
    if (!file.awaitingData() || file.state().getStatus() == CaseStatus.NEEDS_DATA) {
      return Transition.unchanged(file);
    }
    WinbackCase state = WinbackCase.newBuilder(file.state())
        .setStatus(CaseStatus.NEEDS_DATA)
        .setStatusReason("no CRM data for this customer after " + dataGrace.toMinutes()
            + " minutes; nobody is contacted without consent data")
        .setUpdatedAt(now)
        .build();
    return new Transition(new CaseFile(state, file.cancellation()), List.of(new Effect.Count("needs-data")));
  }

  /** The customer withdrew the cancellation: the case closes and its open tasks are cancelled. */
  public Transition withdrawn(CaseFile file, CustomerRelationship customer, Instant now) {
    if (file.closed()) {
      return Transition.unchanged(file);
    }
    return close(file, CaseStatus.WITHDRAWN, "the customer withdrew the cancellation", null,
        language(customer), now, new ArrayList<>());
  }

  /** Applies an outcome; a repeated feedbackId is applied once, a closed or unknown target is rejected. */
  public Transition feedback(CaseFile file, OutreachFeedback feedback, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (file.hasApplied(feedback.getFeedbackId())) {
      return Transition.unchanged(file);
    }
    if (file.closed()) {
      return Transition.rejected(file, "case " + file.caseId() + " is closed (" + file.state().getStatus() + ")");
    }
    Optional<CaseTask> target = file.task(feedback.getTaskId());
    if (target.isEmpty()) {
      return Transition.rejected(file, "task " + feedback.getTaskId() + " is not part of case " + file.caseId());
    }
    CaseTask task = target.get();
    CaseFile recorded = withOutcome(file, feedback, now);
    List<Effect> effects = new ArrayList<>();
    Language language = language(customer);
    return switch (feedback.getOutcome()) {
      case WON_BACK -> close(withTaskState(recorded, task.getTaskId(), TaskState.DONE), CaseStatus.WON_BACK,
          "the customer stays", task.getTaskId(), language, now, effects);
      case FEEDBACK_RECEIVED -> close(withTaskState(recorded, task.getTaskId(), TaskState.DONE),
          CaseStatus.FEEDBACK_COLLECTED, "the customer gave feedback", task.getTaskId(), language, now, effects);
      case DECLINED -> close(withTaskState(recorded, task.getTaskId(), TaskState.DONE), CaseStatus.DECLINED,
          "the customer declined a conversation", task.getTaskId(), language, now, effects);
      case DO_NOT_CONTACT -> {
        effects.add(new Effect.SuppressCustomer(file.customerId()));
        yield close(withTaskState(recorded, task.getTaskId(), TaskState.DONE), CaseStatus.DECLINED,
            "the customer asked not to be contacted again", task.getTaskId(), language, now, effects);
      }
      case MEETING_SCHEDULED -> new Transition(withStatus(withTaskState(recorded, task.getTaskId(), TaskState.DONE),
          CaseStatus.AWAITING_MEETING, "a meeting is scheduled", now), effects);
      case SENT -> {
        if (ChannelFamily.of(task.getChannel()) == ChannelFamily.WRITTEN) {
          effects.add(new Effect.StartTimer(new Effect.Timer(Effect.Timer.Kind.NO_ANSWER,
              now.plus(policy.settings().noAnswerTimeout()), file.caseId(), task.getTaskId())));
        }
        yield new Transition(withTaskState(recorded, task.getTaskId(), TaskState.SENT), effects);
      }
      case REACHED -> new Transition(withStatus(withTaskState(recorded, task.getTaskId(), TaskState.DONE),
          CaseStatus.OPEN, "the customer was reached; waiting for the outcome", now), effects);
      case NOT_REACHED -> retryOrClose(withTaskState(recorded, task.getTaskId(), TaskState.DONE), task,
          customer, doNotContactRecorded, now);
      case DELIVERY_FAILED -> nextWrittenOrFollowUp(withTaskState(recorded, task.getTaskId(), TaskState.FAILED),
          task, customer, doNotContactRecorded, now);
      case SUPPRESSED -> {
        CaseFile cancelled = withTaskState(recorded, task.getTaskId(), TaskState.CANCELLED);
        yield cancelled.openTasks().isEmpty()
            ? close(cancelled, CaseStatus.SUPPRESSED, "consent was withdrawn before the contact", null,
                language, now, effects)
            : new Transition(touch(cancelled, now), effects);
      }
    };
  }

  /** No answer to a written outreach within the timeout: one follow-up of another kind, or NO_RESPONSE. */
  public Transition noAnswer(CaseFile file, String taskId, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    Optional<CaseTask> task = file.task(taskId);
    if (file.closed() || task.isEmpty() || task.get().getState() != TaskState.SENT) {
      return Transition.unchanged(file); // answered, closed or superseded since the timer was set
    }
    return followUpOrClose(withTaskState(file, taskId, TaskState.DONE), task.get().getChannel(), customer,
        doNotContactRecorded, now);
  }

  private Transition decide(CaseFile file, CustomerRelationship customer, boolean doNotContactRecorded,
      Instant now) {
    Decision decision = policy.decide(file.cancellation(), customer, history(file, doNotContactRecorded), now);
    if (decision instanceof Decision.Suppress suppress) {
      WinbackCase state = WinbackCase.newBuilder(file.state())
          .setStatus(CaseStatus.SUPPRESSED)
          .setStatusReason(suppress.reason())
          .setGoal(policy.goal(file.cancellation(), customer))
          .setClosedAt(now)
          .setUpdatedAt(now)
          .build();
      return new Transition(new CaseFile(state, file.cancellation()), List.of(new Effect.Count("suppressed")));
    }
    Decision.Contact contact = (Decision.Contact) decision;
    WinbackCase state = WinbackCase.newBuilder(file.state())
        .setGoal(contact.goal())
        .setStatus(CaseStatus.OPEN)
        .setStatusReason(null)
        .build();
    return withNewTask(new CaseFile(state, file.cancellation()), customer, contact, 1, now, new ArrayList<>());
  }

  private Transition retryOrClose(CaseFile file, CaseTask notReached, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (mustNotContact(customer, doNotContactRecorded)) {
      return close(file, CaseStatus.SUPPRESSED, "the customer asked not to be contacted", null,
          language(customer), now, new ArrayList<>());
    }
    if (customer == null || file.attempts() >= policy.settings().maxAttempts()) {
      return close(file, CaseStatus.NO_RESPONSE, "not reached after " + file.attempts() + " attempt(s)", null,
          language(customer), now, new ArrayList<>());
    }
    Channel channel = notReached.getChannel();
    Decision.Contact retry = new Decision.Contact(channel, file.state().getGoal(),
        dueDates.dueAt(channel, now, DueDates.zoneOf(customer.getTimezone()), file.cancellation().getEffectiveAt()),
        notReached.getChannel() == Channel.IN_PERSON && customer.getAccountManager() != null
            ? customer.getAccountManager().getId() : null,
        List.of(new Rationale(RuleIds.FOLLOW_UP_RETRY_NOT_REACHED,
            "The customer was not reached on attempt " + notReached.getAttempt() + "; one more try on the same channel.")));
    return withNewTask(file, customer, retry, file.attempts() + 1, now, new ArrayList<>());
  }

  private Transition nextWrittenOrFollowUp(CaseFile file, CaseTask failed, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (customer != null && !mustNotContact(customer, doNotContactRecorded)) {
      Optional<Decision.Contact> next = policy.nextWrittenChannel(file.cancellation(), customer,
          history(file, doNotContactRecorded), now);
      if (next.isPresent()) {
        Decision.Contact sameGoal = withGoal(next.get(), file.state().getGoal());
        return withNewTask(file, customer, sameGoal, failed.getAttempt(), now, new ArrayList<>());
      }
    }
    return followUpOrClose(file, failed.getChannel(), customer, doNotContactRecorded, now);
  }

  private Transition followUpOrClose(CaseFile file, Channel previous, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (mustNotContact(customer, doNotContactRecorded)) {
      return close(file, CaseStatus.SUPPRESSED, "the customer asked not to be contacted", null,
          language(customer), now, new ArrayList<>());
    }
    Optional<Decision.Contact> followUp = customer == null ? Optional.empty()
        : policy.followUp(file.cancellation(), customer, history(file, doNotContactRecorded), previous,
            file.attempts(), now);
    if (followUp.isEmpty()) {
      if (!file.openTasks().isEmpty()) {
        return new Transition(touch(file, now), List.of());
      }
      return close(file, CaseStatus.NO_RESPONSE, "no answer after " + file.attempts() + " attempt(s)", null,
          language(customer), now, new ArrayList<>());
    }
    return withNewTask(file, customer, withGoal(followUp.get(), file.state().getGoal()), file.attempts() + 1,
        now, new ArrayList<>());
  }

  private Transition withNewTask(CaseFile file, CustomerRelationship customer, Decision.Contact contact,
      int attempt, Instant now, List<Effect> effects) {
    OutreachTask task = tasks.create(file.caseId(), file.cancellation(), customer, contact, attempt, now);
    List<CaseTask> caseTasks = new ArrayList<>(file.state().getTasks());
    caseTasks.add(new CaseTask(task.getTaskId(), task.getChannel(), TaskState.PENDING, attempt, task.getDueAt()));
    WinbackCase state = WinbackCase.newBuilder(file.state())
        .setTasks(caseTasks)
        .setStatus(CaseStatus.OPEN)
        .setUpdatedAt(now)
        .build();
    effects.add(new Effect.EmitTask(task));
    return new Transition(new CaseFile(state, file.cancellation()), effects);
  }

  private Transition close(CaseFile file, CaseStatus status, String reason, String exceptTaskId,
      Language language, Instant now, List<Effect> effects) {
    List<CaseTask> caseTasks = new ArrayList<>();
    for (CaseTask task : file.state().getTasks()) {
      boolean open = task.getState() == TaskState.PENDING || task.getState() == TaskState.SENT;
      if (open && !task.getTaskId().equals(exceptTaskId)) {
        effects.add(new Effect.EmitTask(tasks.cancel(new OutreachTaskRef(task.getTaskId(), file.caseId(),
            task.getChannel(), file.state().getGoal() == null ? io.winback.events.Goal.FEEDBACK : file.state().getGoal(),
            task.getAttempt(), language), file.customerId(), "The case closed: " + reason + ".", now)));
        caseTasks.add(CaseTask.newBuilder(task).setState(TaskState.CANCELLED).build());
      } else {
        caseTasks.add(task);
      }
    }
    WinbackCase state = WinbackCase.newBuilder(file.state())
        .setTasks(caseTasks)
        .setStatus(status)
        .setStatusReason(reason)
        .setClosedAt(now)
        .setUpdatedAt(now)
        .build();
    return new Transition(new CaseFile(state, file.cancellation()), effects);
  }

  private static CaseFile withOutcome(CaseFile file, OutreachFeedback feedback, Instant now) {
    List<OutcomeEntry> outcomes = new ArrayList<>(file.state().getOutcomes());
    outcomes.add(new OutcomeEntry(feedback.getFeedbackId(), feedback.getTaskId(), feedback.getOutcome(),
        feedback.getFeedbackCategory(), feedback.getRecordedAt()));
    return new CaseFile(WinbackCase.newBuilder(file.state()).setOutcomes(outcomes).setUpdatedAt(now).build(),
        file.cancellation());
  }

  private static CaseFile withTaskState(CaseFile file, String taskId, TaskState taskState) {
    List<CaseTask> caseTasks = file.state().getTasks().stream()
        .map(task -> task.getTaskId().equals(taskId) ? CaseTask.newBuilder(task).setState(taskState).build() : task)
        .toList();
    return new CaseFile(WinbackCase.newBuilder(file.state()).setTasks(caseTasks).build(), file.cancellation());
  }

  private static CaseFile withStatus(CaseFile file, CaseStatus status, String reason, Instant now) {
    return new CaseFile(WinbackCase.newBuilder(file.state()).setStatus(status).setStatusReason(reason)
        .setUpdatedAt(now).build(), file.cancellation());
  }

  private static CaseFile touch(CaseFile file, Instant now) {
    return new CaseFile(WinbackCase.newBuilder(file.state()).setUpdatedAt(now).build(), file.cancellation());
  }

  private static Decision.Contact withGoal(Decision.Contact contact, io.winback.events.Goal goal) {
    return goal == null ? contact
        : new Decision.Contact(contact.channel(), goal, contact.dueAt(), contact.assignee(), contact.rationale());
  }

  private static ContactHistory history(CaseFile file, boolean doNotContactRecorded) {
    Set<Channel> used = EnumSet.noneOf(Channel.class);
    file.state().getTasks().forEach(task -> used.add(task.getChannel()));
    return new ContactHistory(doNotContactRecorded, used);
  }

  private static boolean mustNotContact(CustomerRelationship customer, boolean doNotContactRecorded) {
    return doNotContactRecorded || (customer != null && customer.getDoNotContact());
  }

  private static Language language(CustomerRelationship customer) {
    return customer == null ? Language.de : customer.getLanguage();
  }
}
