package io.winback.processor.cases;

import io.winback.events.Attention;
import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.CustomerChoice;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.Outcome;
import io.winback.events.OutcomeEntry;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.policy.Attempt;
import io.winback.policy.ChannelFamily;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.ContactHistory;
import io.winback.policy.CustomerWish;
import io.winback.policy.Decision;
import io.winback.processor.tasks.OutreachTaskRef;
import io.winback.processor.tasks.TaskFactory;
import io.winback.schemas.rules.CustomerChoices;
import io.winback.schemas.rules.TaskOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The case lifecycle as a pure state machine: (case, event, now) to (case, effects). It never
 * reads a clock or a store; the topology hands it what it needs and carries out the effects.
 *
 * <p>Outcomes follow the shared table {@link TaskOutcomes} (task state × outcome), and every new
 * outreach, first contact, retry, follow-up or next written channel, is decided by the
 * {@link ChannelPolicy} on the CRM data of the moment.
 *
 * <p>Not final only so that tests can put a bug into it, to show what the topology does with an
 * input or a timer whose transition fails.
 */
public class CaseLifecycle {

  private final ChannelPolicy policy;
  private final TaskFactory tasks;
  private final Duration dataGrace;

  public CaseLifecycle(ChannelPolicy policy, TaskFactory tasks, Duration dataGrace) {
    this.policy = policy;
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
        .setAttention(null)
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

  /**
   * Applies an outcome as the table {@link TaskOutcomes} says for the state of its task. A
   * repeated feedbackId is applied once; an unknown task, or a pair the table does not allow,
   * is rejected and changes nothing.
   */
  public Transition feedback(CaseFile file, OutreachFeedback feedback, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (file.hasApplied(feedback.getFeedbackId())) {
      return Transition.unchanged(file);
    }
    Optional<CaseTask> target = file.task(feedback.getTaskId());
    if (target.isEmpty()) {
      return Transition.rejected(file, "task " + feedback.getTaskId() + " is not part of case " + file.caseId());
    }
    CaseTask task = target.get();
    if (CustomerChoices.isCustomersOwn(feedback)) {
      Optional<Transition> own = customersOwn(file, task, feedback, customer, doNotContactRecorded, now);
      if (own.isPresent()) {
        return own.get();
      }
    }
    Optional<TaskOutcomes.Step> allowed = TaskOutcomes.step(task.getState(), feedback.getOutcome());
    if (allowed.isPresent() && allowed.get().effect() == TaskOutcomes.CaseEffect.RECORD_AFTER_CLOSE) {
      return afterClose(file, task, feedback, now);
    }
    if (allowed.isEmpty() || file.closed()) {
      String reason = TaskOutcomes.rejection(task.getState(), feedback.getOutcome());
      return Transition.rejected(file, file.closed()
          ? reason + "; case " + file.caseId() + " is closed (" + file.state().getStatus() + ")" : reason);
    }
    TaskOutcomes.Step step = allowed.get();
    CaseFile recorded = withTaskState(withOutcome(file, feedback, now), task.getTaskId(), step.next());
    Language language = language(customer);
    List<Effect> effects = new ArrayList<>();
    return switch (step.effect()) {
      case AWAIT_ANSWER -> {
        if (ChannelFamily.of(task.getChannel()) == ChannelFamily.WRITTEN) {
          effects.add(new Effect.StartTimer(new Effect.Timer(Effect.Timer.Kind.NO_ANSWER,
              now.plus(policy.settings().noAnswerTimeout()), file.caseId(), task.getTaskId())));
        }
        yield new Transition(recorded, effects);
      }
      case AWAIT_RESULT -> new Transition(withStatus(recorded, CaseStatus.OPEN,
          "the customer was reached; the conversation's result follows", now), effects);
      case AWAIT_MEETING -> new Transition(withStatus(recorded, CaseStatus.AWAITING_MEETING,
          "a meeting is scheduled", now), effects);
      case RETRY -> retry(recorded, task, customer, doNotContactRecorded, now);
      case NEXT_WRITTEN -> nextWritten(recorded, task, customer, doNotContactRecorded, now);
      case CLOSE_FEEDBACK_COLLECTED -> close(recorded, CaseStatus.FEEDBACK_COLLECTED, "the customer gave feedback",
          task.getTaskId(), language, now, effects);
      case CLOSE_WON_BACK -> close(recorded, CaseStatus.WON_BACK, "the customer stays", task.getTaskId(), language,
          now, effects);
      case CLOSE_DECLINED -> close(recorded, CaseStatus.DECLINED, "the customer declined a conversation",
          task.getTaskId(), language, now, effects);
      case CLOSE_DO_NOT_CONTACT -> {
        effects.add(new Effect.SuppressCustomer(file.customerId()));
        yield close(recorded, CaseStatus.DECLINED, "the customer asked not to be contacted again", task.getTaskId(),
            language, now, effects);
      }
      case RECORD_AFTER_CLOSE -> throw new IllegalStateException("handled before: " + step);
      case CLOSE_UNLESS_OTHER_OPEN -> recorded.underWay().isEmpty()
          ? close(recorded, CaseStatus.SUPPRESSED, "consent was withdrawn before the contact", null, language, now,
              effects)
          : new Transition(touch(recorded, now), effects);
    };
  }

  /**
   * The customer asked not to be contacted, in another case of theirs: this one closes too, and its open
   * tasks are cancelled. Nothing after a "no".
   */
  public Transition customerAskedNoContact(CaseFile file, CustomerRelationship customer, Instant now) {
    if (file.closed()) {
      return Transition.unchanged(file);
    }
    return close(file, CaseStatus.SUPPRESSED, "the customer asked not to be contacted again (in another case)", null,
        language(customer), now, new ArrayList<>());
  }

  /**
   * What the customer recorded themselves ({@link CustomerChoices}): never bad input. NO_CONTACT applies to
   * the customer whatever the state of the task or case; a wish for the way applies to an open case; a choice
   * or free text the table would refuse (a task or case closed meanwhile) is recorded and has no effect.
   * Empty when the ordinary table applies (the customer's free text on an open task of an open case).
   */
  private Optional<Transition> customersOwn(CaseFile file, CaseTask task, OutreachFeedback feedback,
      CustomerRelationship customer, boolean doNotContactRecorded, Instant now) {
    Optional<CustomerChoice> choice = CustomerChoices.choice(feedback);
    List<Effect> effects = new ArrayList<>();
    choice.ifPresent(chosen -> effects.add(new Effect.CustomerChose(chosen)));
    CaseFile recorded = withChoice(withOutcome(file, feedback, now), choice.orElse(null));
    boolean noContact = choice.map(chosen -> chosen == CustomerChoice.NO_CONTACT)
        .orElse(feedback.getOutcome() == Outcome.DO_NOT_CONTACT);
    if (noContact) {
      effects.add(new Effect.SuppressCustomer(file.customerId()));
      if (file.closed()) {
        return Optional.of(recordedOnly(recorded, task, feedback, effects));
      }
      CaseFile done = TaskOutcomes.isOpen(task.getState()) ? withTaskState(recorded, task.getTaskId(), TaskState.DONE)
          : recorded;
      return Optional.of(close(done, CaseStatus.DECLINED, "the customer asked not to be contacted again",
          task.getTaskId(), language(customer), now, effects));
    }
    Optional<CustomerWish> wish = choice.flatMap(CustomerWish::of);
    if (wish.isPresent()) {
      // A wish for the way of a case that is over changes nothing: there is no later contact in it to shape.
      if (file.closed() || customer == null) {
        return Optional.of(recordedOnly(recorded, task, feedback, effects));
      }
      return Optional.of(wish(recorded, task, wish.get(), customer, doNotContactRecorded, now, effects));
    }
    Optional<TaskOutcomes.Step> step = TaskOutcomes.step(task.getState(), feedback.getOutcome());
    if (step.isPresent() && !file.closed() && step.get().effect() != TaskOutcomes.CaseEffect.RECORD_AFTER_CLOSE) {
      return Optional.empty();
    }
    return Optional.of(recordedOnly(recorded, task, feedback, effects));
  }

  private static Transition recordedOnly(CaseFile recorded, CaseTask task, OutreachFeedback feedback,
      List<Effect> effects) {
    effects.add(new Effect.CustomerInputRecordedOnly(recorded.caseId(), task.getTaskId(), task.getState(),
        feedback.getOutcome(), recorded.state().getStatus()));
    return new Transition(recorded, effects);
  }

  /**
   * The customer's wish for the way of this case, on the written task whose link they used. In writing only:
   * the task is SENT as for REACHED (the conversation continues in writing), calls and visits still open are
   * cancelled, and every later attempt is written. A call or a visit: the written task is DONE and the channel
   * policy decides that outreach at once; other open tasks give way to it (cancelled); one already under way
   * on that channel is kept. When the policy may not honour the wish (consent, contact data, contract end),
   * nothing is cancelled and the written task is SENT as for REACHED: the case continues in writing.
   */
  private Transition wish(CaseFile recorded, CaseTask answered, CustomerWish wish, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now, List<Effect> effects) {
    Language language = language(customer);
    boolean open = TaskOutcomes.isOpen(answered.getState());
    CaseFile continuing = open ? withTaskState(recorded, answered.getTaskId(), TaskState.SENT) : recorded;
    if (wish == CustomerWish.WRITTEN_ONLY) {
      CaseFile written = cancelOpen(continuing, t -> ChannelFamily.of(t.getChannel()) != ChannelFamily.WRITTEN,
          "The customer asked to be contacted only in writing.", language, now, effects);
      return new Transition(withStatus(written, CaseStatus.OPEN,
          "the customer asked to be contacted only in writing; the conversation continues in writing", now), effects);
    }
    Channel wished = wish.channel().orElseThrow();
    CaseFile done = open ? withTaskState(recorded, answered.getTaskId(), TaskState.DONE) : recorded;
    String because = wish == CustomerWish.PHONE ? "the customer asked for a call" : "the customer asked to talk in person";
    if (done.openTasks().stream().anyMatch(t -> t.getChannel() == wished)) {
      CaseFile kept = cancelOpen(done, t -> t.getChannel() != wished, "The customer decided the way: "
          + because + ".", language, now, effects);
      return new Transition(withStatus(kept, CaseStatus.OPEN, because + "; that outreach is under way", now), effects);
    }
    // The wish costs no attempt: it keeps the number of the outreach answered (unless that id is taken).
    int number = done.task(CaseIds.taskId(done.caseId(), answered.getAttempt(), wished)).isPresent()
        ? done.attempts() + 1 : answered.getAttempt();
    Decision decision = policy.decide(done.cancellation(), customer, Attempt.customerWish(number, answered.getChannel(),
        done.state().getGoal(), history(done, doNotContactRecorded).withWish(wish)), now);
    if (decision instanceof Decision.Contact contact) {
      CaseFile cleared = cancelOpen(done, t -> t.getChannel() != wished, "The customer decided the way: " + because
          + ".", language, now, effects);
      Transition created = withNewTask(cleared, customer, contact, number, now);
      effects.addAll(created.effects());
      return new Transition(created.file(), effects);
    }
    Decision.Suppress stop = (Decision.Suppress) decision;
    if (stop.ground() == Decision.Suppress.Ground.DO_NOT_CONTACT) {
      return close(done, CaseStatus.SUPPRESSED, because + "; no further contact: " + stop.reason(), null, language,
          now, effects);
    }
    if (continuing.underWay().isEmpty()) {
      return close(continuing, CaseStatus.NO_RESPONSE, stop.reason() + "; no further contact", null, language, now,
          effects);
    }
    return new Transition(withStatus(continuing, CaseStatus.OPEN, stop.reason() + "; the case continues in writing",
        now), effects);
  }

  /** Cancels the open tasks {@code which} selects (a CANCEL each on its task topic); the file with them CANCELLED. */
  private CaseFile cancelOpen(CaseFile file, Predicate<CaseTask> which, String why, Language language, Instant now,
      List<Effect> effects) {
    Goal goal = file.state().getGoal() == null ? Goal.FEEDBACK : file.state().getGoal();
    List<CaseTask> caseTasks = new ArrayList<>();
    for (CaseTask task : file.state().getTasks()) {
      if (TaskOutcomes.isOpen(task.getState()) && which.test(task)) {
        effects.add(new Effect.EmitTask(tasks.cancel(new OutreachTaskRef(task.getTaskId(), file.caseId(),
            task.getChannel(), goal, task.getAttempt(), language), file.customerId(), why, now)));
        caseTasks.add(CaseTask.newBuilder(task).setState(TaskState.CANCELLED).build());
      } else {
        caseTasks.add(task);
      }
    }
    return new CaseFile(WinbackCase.newBuilder(file.state()).setTasks(caseTasks).build(), file.cancellation());
  }

  /**
   * The desk's own outcome (SENT, DELIVERY_FAILED, SUPPRESSED) for a task that the case's close
   * cancelled: the desk acted while the CANCEL was on its way, e.g. the mail went out as the customer
   * withdrew the cancellation. True and expected, so it is recorded in the outcome history and changes
   * nothing else. A task cancelled by the desk's own SUPPRESSED cannot have been sent afterwards: that
   * is refused like any pair the table does not allow.
   */
  private static Transition afterClose(CaseFile file, CaseTask task, OutreachFeedback feedback, Instant now) {
    if (!file.cancelledByClose(task.getTaskId())) {
      return Transition.rejected(file, TaskOutcomes.rejection(task.getState(), feedback.getOutcome())
          + "; the desk's own suppression cancelled task " + task.getTaskId() + ", not the case's close");
    }
    return new Transition(withOutcome(file, feedback, now), List.of(new Effect.OutcomeAfterClose(file.caseId(),
        task.getTaskId(), feedback.getOutcome(), file.state().getStatus())));
  }

  /** No answer to a written outreach within the timeout: one follow-up of another kind, or NO_RESPONSE. */
  public Transition noAnswer(CaseFile file, String taskId, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    Optional<CaseTask> task = file.task(taskId);
    if (file.closed() || file.state().getStatus() != CaseStatus.OPEN || task.isEmpty()
        || task.get().getState() != TaskState.SENT || file.answered(taskId)) {
      return Transition.unchanged(file); // answered, closed or superseded since the timer was set
    }
    // The task stays SENT: a late answer to it still counts, and a close still cancels it.
    return attempt(file, Attempt.followUp(file.attempts() + 1, task.get().getChannel(), file.state().getGoal(),
            history(file, doNotContactRecorded)), customer, now,
        "no answer after " + file.attempts() + " attempt(s)", taskId);
  }

  /**
   * Marks the case as needing an operator: one of its timers keeps failing. The status stays; the
   * attention is published with the case and cleared by {@link #attentionResolved}.
   */
  public Transition needsAttention(CaseFile file, String reason, int failures, Instant now) {
    Attention current = file.state().getAttention();
    Attention attention = new Attention(reason, current == null ? now : current.getSince(), failures);
    WinbackCase state = WinbackCase.newBuilder(file.state()).setAttention(attention).setUpdatedAt(now).build();
    return new Transition(new CaseFile(state, file.cancellation()),
        current == null ? List.of(new Effect.Count("needs-attention")) : List.of());
  }

  /** What kept failing works again: the attention goes, the case moves on its own. */
  public Transition attentionResolved(CaseFile file, Instant now) {
    if (file.state().getAttention() == null) {
      return Transition.unchanged(file);
    }
    WinbackCase state = WinbackCase.newBuilder(file.state()).setAttention(null).setUpdatedAt(now).build();
    return new Transition(new CaseFile(state, file.cancellation()), List.of());
  }

  private Transition decide(CaseFile file, CustomerRelationship customer, boolean doNotContactRecorded,
      Instant now) {
    Decision decision = policy.decide(file.cancellation(), customer, Attempt.first(history(file, doNotContactRecorded)),
        now);
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
    WinbackCase state = WinbackCase.newBuilder(file.state()).setGoal(contact.goal()).build();
    return withNewTask(new CaseFile(state, file.cancellation()), customer, contact, 1, now);
  }

  private Transition retry(CaseFile file, CaseTask notReached, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    return attempt(file, Attempt.retry(file.attempts() + 1, notReached.getChannel(), file.state().getGoal(),
        history(file, doNotContactRecorded)), customer, now, "not reached after " + file.attempts() + " attempt(s)",
        null);
  }

  /** After a failed delivery: the next written channel as the same attempt, else a follow-up. */
  private Transition nextWritten(CaseFile file, CaseTask failed, CustomerRelationship customer,
      boolean doNotContactRecorded, Instant now) {
    if (customer != null) {
      Decision next = policy.decide(file.cancellation(), customer, Attempt.nextWritten(failed.getAttempt(),
          failed.getChannel(), file.state().getGoal(), history(file, doNotContactRecorded)), now);
      if (next instanceof Decision.Contact contact) {
        return withNewTask(file, customer, contact, failed.getAttempt(), now);
      }
      if (((Decision.Suppress) next).ground() == Decision.Suppress.Ground.DO_NOT_CONTACT) {
        return noFurtherContact(file, (Decision.Suppress) next, "the outreach could not be delivered", null,
            customer, now);
      }
    }
    return attempt(file, Attempt.followUp(file.attempts() + 1, failed.getChannel(), file.state().getGoal(),
        history(file, doNotContactRecorded)), customer, now, "no outreach could be delivered", null);
  }

  /** A later outreach through the policy; when it allows none, the case closes with the reason. */
  private Transition attempt(CaseFile file, Attempt attempt, CustomerRelationship customer, Instant now,
      String context, String settledTaskId) {
    if (customer == null) {
      return close(file, CaseStatus.SUPPRESSED, context + "; the customer's CRM data was erased, nobody is contacted",
          null, Language.de, now, new ArrayList<>());
    }
    Decision decision = policy.decide(file.cancellation(), customer, attempt, now);
    if (decision instanceof Decision.Contact contact) {
      return withNewTask(file, customer, contact, attempt.number(), now);
    }
    return noFurtherContact(file, (Decision.Suppress) decision, context, settledTaskId, customer, now);
  }

  /**
   * No further outreach: the case closes (SUPPRESSED when the customer does not want contact,
   * NO_RESPONSE otherwise), unless another of its tasks is still under way and may yet answer.
   */
  private Transition noFurtherContact(CaseFile file, Decision.Suppress stop, String context, String settledTaskId,
      CustomerRelationship customer, Instant now) {
    boolean doNotContact = stop.ground() == Decision.Suppress.Ground.DO_NOT_CONTACT;
    if (!doNotContact && file.underWay().stream().anyMatch(task -> !task.getTaskId().equals(settledTaskId))) {
      return new Transition(touch(file, now), List.of());
    }
    return close(file, doNotContact ? CaseStatus.SUPPRESSED : CaseStatus.NO_RESPONSE,
        context + "; no further contact: " + stop.reason(), null, language(customer), now, new ArrayList<>());
  }

  private Transition withNewTask(CaseFile file, CustomerRelationship customer, Decision.Contact contact,
      int attempt, Instant now) {
    OutreachTask task = tasks.create(file.caseId(), file.cancellation(), customer, contact, attempt, now);
    List<CaseTask> caseTasks = new ArrayList<>(file.state().getTasks());
    caseTasks.add(new CaseTask(task.getTaskId(), task.getChannel(), TaskState.PENDING, attempt, task.getDueAt()));
    WinbackCase state = WinbackCase.newBuilder(file.state())
        .setTasks(caseTasks)
        .setStatus(CaseStatus.OPEN)
        .setStatusReason(null)
        .setUpdatedAt(now)
        .build();
    return new Transition(new CaseFile(state, file.cancellation()), List.of(new Effect.EmitTask(task)));
  }

  /** Closes the case; every task still open (in the worklist or answerable) gets a CANCEL. */
  private Transition close(CaseFile file, CaseStatus status, String reason, String exceptTaskId,
      Language language, Instant now, List<Effect> effects) {
    CaseFile cancelled = cancelOpen(file, task -> !task.getTaskId().equals(exceptTaskId),
        "The case closed: " + reason + ".", language, now, effects);
    WinbackCase state = WinbackCase.newBuilder(cancelled.state())
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

  /** The case remembers what the customer chose (the policy honours it for the case's later attempts). */
  private static CaseFile withChoice(CaseFile file, CustomerChoice choice) {
    if (choice == null) {
      return file;
    }
    return new CaseFile(WinbackCase.newBuilder(file.state()).setCustomerChoice(choice).build(), file.cancellation());
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

  private static ContactHistory history(CaseFile file, boolean doNotContactRecorded) {
    Set<Channel> used = EnumSet.noneOf(Channel.class);
    file.state().getTasks().forEach(task -> used.add(task.getChannel()));
    return new ContactHistory(doNotContactRecorded, used,
        CustomerWish.of(file.state().getCustomerChoice()).orElse(null));
  }

  private static Language language(CustomerRelationship customer) {
    return customer == null ? Language.de : customer.getLanguage();
  }
}
