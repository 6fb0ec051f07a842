package io.winback.processor.topology;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseIds;
import io.winback.processor.cases.CaseLifecycle;
import io.winback.processor.cases.Effect;
import io.winback.processor.cases.Transition;
import io.winback.processor.intake.DeadLetters;
import io.winback.processor.intake.Inbound;
import io.winback.processor.intake.RawRecord;
import io.winback.processor.metrics.ProcessorMetrics;
import io.winback.policy.ChannelFamily;
import io.winback.processor.privacy.RelationshipMinimisation;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the case lifecycle to the stores and topics of one customer partition: cancellations,
 * CRM data and feedback of a customer all arrive here (the inputs are co-partitioned), and
 * timers fire from wall-clock punctuation, so they survive restarts with the store.
 *
 * <p>All or nothing per input: the transitions of an input are computed into {@link Changes}
 * first and written only when every one of them is. A programming error while computing
 * dead-letters the input, which then has changed nothing; a {@link StreamsException} or an
 * {@link Error} is not caught and stops the stream thread.
 *
 * <p>What goes out of a customer is sealed with their own key ({@link CustomerKeys}), which is
 * made, if need be, among the same changes, so it is written in the same transaction as the
 * record it seals. Besides inputs and timers, punctuation expires closed cases
 * ({@link CaseRetention}) and keeps the personal changelogs rolling ({@link Housekeeping}).
 */
final class CaseProcessor implements Processor<Object, Inbound, Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(CaseProcessor.class);

  private final CaseLifecycle lifecycle;
  private final ProcessorMetrics metrics;
  private final Duration timerInterval;
  private final TimerRetry timerRetry;
  private final Housekeeping housekeeping;
  private ProcessorContext<Object, Object> context;
  private CaseStores stores;
  private CaseRetention retention;

  CaseProcessor(CaseLifecycle lifecycle, ProcessorMetrics metrics, Duration timerInterval, TimerRetry timerRetry,
      Housekeeping housekeeping) {
    this.lifecycle = lifecycle;
    this.metrics = metrics;
    this.timerInterval = timerInterval;
    this.timerRetry = timerRetry;
    this.housekeeping = housekeeping;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.stores = CaseStores.of(context);
    this.retention = new CaseRetention(stores, housekeeping.caseRetention(), housekeeping.retentionBatch());
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    context.schedule(housekeeping.retentionInterval(), PunctuationType.WALL_CLOCK_TIME,
        timestamp -> retention.expire(timestamp).writeTo(context, metrics));
    // The keys topic's partition of this task: where this task's customers' keys go (co-partitioned).
    String keysRollKey = CustomerKeys.rollKeyFor(context.taskId().partition(), Topics.KEYS.partitions());
    context.schedule(housekeeping.changelogRollInterval(), PunctuationType.WALL_CLOCK_TIME, timestamp -> {
      stores.rollPersonalChangelogs();
      context.forward(new Record<>(keysRollKey, null, timestamp), ChurnTopology.KEYS);
    });
  }

  @Override
  public void process(Record<Object, Inbound> record) {
    Inbound inbound = record.value();
    Changes changes = new Changes(stores);
    try {
      if (inbound instanceof Inbound.Cancellation cancellation) {
        onCancellation(cancellation, record.timestamp(), changes);
      } else if (inbound instanceof Inbound.Relationship relationship) {
        onRelationship(relationship, record.timestamp(), changes);
      } else if (inbound instanceof Inbound.Feedback feedback) {
        onFeedback(feedback, record.timestamp(), changes);
      } else if (inbound instanceof Inbound.Invalid invalid) {
        changes.count(m -> m.deadLettered(invalid.raw().topic(), invalid.metric()));
        deadLetter(invalid.raw(), invalid.errorClass(), invalid.message(), changes);
      }
    } catch (StreamsException e) {
      throw e;
    } catch (Rejected rejected) {
      changes = new Changes(stores);
      changes.count(m -> m.deadLettered(inbound.raw().topic(), rejected.metric));
      deadLetter(inbound.raw(), rejected.errorClass, rejected.getMessage(), changes);
    } catch (RuntimeException e) {
      // A bug, or data the code did not expect: nothing was written, the input goes to the dead-letter topic.
      log.error("could not process a record from {} partition {} offset {}; dead-lettered, nothing changed",
          inbound.raw().topic(), inbound.raw().partition(), inbound.raw().offset(), e);
      changes = new Changes(stores);
      changes.count(m -> m.deadLettered(inbound.raw().topic(), "processing-error"));
      deadLetter(inbound.raw(), e.getClass().getName(), String.valueOf(e.getMessage()), changes);
    }
    changes.writeTo(context, metrics);
  }

  /** The input to the dead-letter topic, its value sealed with the key of the customer it is keyed by. */
  private void deadLetter(RawRecord raw, String errorClass, String message, Changes changes) {
    changes.forward(CustomerKeys.seal(DeadLetters.of(raw, errorClass, message, now()), raw, changes, now()),
        ChurnTopology.DEAD_LETTERS);
  }

  private void onCancellation(Inbound.Cancellation input, long timestamp, Changes changes) {
    String customerId = input.event().getCustomerId();
    // A case of an erased customer keeps ids, dates and the reason, not what they wrote.
    CancellationEvent event = CustomerKeys.state(customerId, changes) == KeyRing.State.ERASED
        ? CustomerKeys.withoutPersonalData(input.event()) : input.event();
    CustomerRelationship customer = changes.relationship(customerId);
    if (event.getType() == CancellationType.WITHDRAWN) {
      boolean matched = false;
      for (CaseFile file : casesOf(customerId, changes)) {
        if (!file.closed() && file.cancellation().getContractId().equals(event.getContractId())) {
          apply(lifecycle.withdrawn(file, customer, now()), file, timestamp, changes);
          matched = true;
        }
      }
      if (!matched) {
        changes.count(m -> m.count("withdrawal-without-open-case"));
      }
      return;
    }
    String caseId = CaseIds.caseId(event.getEventId());
    if (changes.caseFile(caseId) != null) {
      changes.count(m -> m.count("duplicate-cancellation")); // re-delivered: the case and its task exist already
      return;
    }
    apply(lifecycle.open(event, customer, changes.doNotContactRecorded(customerId), now()), null, timestamp, changes);
  }

  private void onRelationship(Inbound.Relationship input, long timestamp, Changes changes) {
    String customerId = input.customerId();
    if (input.relationship() == null) {
      erase(customerId, changes);
      return;
    }
    if (CustomerKeys.state(customerId, changes) == KeyRing.State.ERASED) {
      // Erased for good: Winback keeps nothing of the customer again, nor contacts them; the dead
      // letter tells operators, without the record's value.
      throw new Rejected("erased-customer", "io.winback.processor.ErasedCustomer", "customer " + customerId
          + " was erased; the processor keeps no CRM data of an erased customer");
    }
    CustomerRelationship kept = RelationshipMinimisation.minimise(input.relationship());
    changes.putRelationship(customerId, kept);
    boolean dnc = changes.doNotContactRecorded(customerId);
    for (CaseFile file : casesOf(customerId, changes)) {
      if (file.awaitingData()) {
        apply(lifecycle.relationshipArrived(file, kept, dnc, now()), file, timestamp, changes);
      }
    }
  }

  private void onFeedback(Inbound.Feedback input, long timestamp, Changes changes) {
    OutreachFeedback feedback = input.feedback();
    CaseFile file = changes.caseFile(feedback.getCaseId());
    if (file == null || !file.customerId().equals(feedback.getCustomerId())) {
      throw new Rejected("unknown-case", "io.winback.processor.UnknownCase", "no case " + feedback.getCaseId()
          + " for customer " + feedback.getCustomerId());
    }
    String customerId = feedback.getCustomerId();
    CustomerRelationship customer = changes.relationship(customerId);
    Transition transition = lifecycle.feedback(file, feedback, customer, changes.doNotContactRecorded(customerId), now());
    apply(transition, file, timestamp, changes);
    if (transition.effects().stream().anyMatch(Effect.SuppressCustomer.class::isInstance)) {
      // A "no" is the customer's, not one case's: every other open case of theirs closes too, its tasks cancelled.
      for (CaseFile other : casesOf(customerId, changes)) {
        if (!other.caseId().equals(file.caseId()) && !other.closed()) {
          apply(lifecycle.customerAskedNoContact(other, customer, now()), other, timestamp, changes);
        }
      }
    }
  }

  /**
   * The CRM erased the customer: personal data goes (the relationship, what they wrote in their
   * cases) and so does their key, which makes every sealed field of theirs on any topic unreadable;
   * ids, statuses and outcomes stay.
   */
  private void erase(String customerId, Changes changes) {
    changes.deleteRelationship(customerId);
    for (CaseFile file : casesOf(customerId, changes)) {
      CancellationEvent kept = CustomerKeys.withoutPersonalData(file.cancellation());
      if (kept != file.cancellation()) {
        changes.putCase(new CaseFile(file.state(), kept));
      }
    }
    CustomerKeys.erase(customerId, changes, now());
    changes.count(m -> m.count("customer-erased"));
  }

  /**
   * Each due timer on its own: its transition is computed and written, or, when computing fails,
   * the timer stays with one failure more and is tried again after a growing pause. From
   * {@link TimerRetry#failuresBeforeAttention} failures on, its case is published as needing
   * attention (and, the first time, named in a dead letter); when the timer works again, the
   * attention is cleared.
   */
  private void fireDueTimers(long timestamp) {
    Instant now = Instant.ofEpochMilli(timestamp);
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> iterator = stores.timers().range("0", TimerKeys.upTo(now))) {
      iterator.forEachRemaining(due::add);
    }
    for (KeyValue<String, String> entry : due) {
      TimerState state = TimerState.parse(entry.value);
      if (state.waiting(now)) {
        continue;
      }
      Effect.Timer timer = TimerKeys.parse(entry.key);
      Changes changes = new Changes(stores);
      try {
        fire(entry.key, timer, state, now, timestamp, changes);
      } catch (StreamsException e) {
        throw e;
      } catch (RuntimeException e) {
        changes = timerFailed(entry.key, timer, state, e, now, timestamp);
      }
      changes.writeTo(context, metrics);
    }
  }

  private void fire(String key, Effect.Timer timer, TimerState state, Instant now, long timestamp, Changes changes) {
    changes.deleteTimer(key);
    CaseFile file = changes.caseFile(timer.caseId());
    if (file == null) {
      return;
    }
    String customerId = file.customerId();
    Transition transition = switch (timer.kind()) {
      case DATA_GRACE -> lifecycle.dataGraceExpired(file, now);
      case NO_ANSWER -> lifecycle.noAnswer(file, timer.taskId(), changes.relationship(customerId),
          changes.doNotContactRecorded(customerId), now);
    };
    if (state.failedBefore()) {
      Transition resolved = lifecycle.attentionResolved(transition.file(), now);
      transition = new Transition(resolved.file(), concat(transition.effects(), resolved.effects()));
      log.info("timer {} of case {} works again after {} failure(s)", timer.kind(), timer.caseId(), state.failures());
    }
    apply(transition, file, timestamp, changes);
  }

  private Changes timerFailed(String key, Effect.Timer timer, TimerState state, RuntimeException error, Instant now,
      long timestamp) {
    TimerState failed = state.failedAgain(now.plus(timerRetry.pauseAfter(state.failures() + 1)));
    log.error("timer {} of case {} failed ({} time(s) in a row); kept, tried again at {}", timer.kind(),
        timer.caseId(), failed.failures(), Instant.ofEpochMilli(failed.retryAt()), error);
    Changes changes = new Changes(stores);
    changes.putTimer(key, failed.format());
    changes.count(m -> m.timerFailed(timer.kind()));
    if (failed.failures() < timerRetry.failuresBeforeAttention()) {
      return changes;
    }
    String reason = "timer " + timer.kind() + " failed " + failed.failures() + " time(s) in a row ("
        + error.getClass().getSimpleName() + "); it is tried again every " + timerRetry.pauseAfter(failed.failures());
    try {
      CaseFile file = Objects.requireNonNull(changes.caseFile(timer.caseId()), "no case " + timer.caseId());
      Transition attention = lifecycle.needsAttention(file, reason, failed.failures(), now);
      apply(attention, file, timestamp, changes);
      if (failed.failures() == timerRetry.failuresBeforeAttention()) {
        changes.count(m -> m.deadLettered("timer", "timer-failing"));
        changes.forward(DeadLetters.ofCase(timer.caseId(),
            Topics.CASES.valueSerde().serializer().serialize(Topics.CASES.name(), attention.file().state()),
            error.getClass().getName(), reason + ": " + error.getMessage(), now), ChurnTopology.DEAD_LETTERS);
      }
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      // Even the case cannot be read: the timer is kept all the same, and the dead letter names the case.
      log.error("case {} of the failing timer cannot be marked as needing attention", timer.caseId(), e);
      changes = new Changes(stores);
      changes.putTimer(key, failed.format());
      changes.count(m -> m.timerFailed(timer.kind()));
      if (failed.failures() == timerRetry.failuresBeforeAttention()) {
        changes.forward(DeadLetters.ofCase(timer.caseId(), null, error.getClass().getName(),
            reason + ": " + error.getMessage(), now), ChurnTopology.DEAD_LETTERS);
      }
    }
    return changes;
  }

  /** Stages one transition: the case, its customer's index, the case update, tasks, timers, counters. */
  private void apply(Transition transition, CaseFile before, long timestamp, Changes changes) {
    for (Effect effect : transition.effects()) {
      if (effect instanceof Effect.Reject reject) {
        throw new Rejected("rejected", "io.winback.processor.RejectedInput", reject.reason());
      }
    }
    CaseFile after = transition.file();
    if (before == null) {
      List<String> ids = new ArrayList<>(changes.caseIdsOf(after.customerId()));
      ids.add(after.caseId());
      changes.putCaseIds(after.customerId(), ids);
    }
    if (before == null || !before.state().equals(after.state()) || !before.cancellation().equals(after.cancellation())) {
      changes.putCase(after);
    }
    if (before == null || !before.state().equals(after.state())) {
      changes.forward(new Record<>(after.caseId(), after.state(), timestamp), ChurnTopology.CASE_UPDATES);
      if (before == null || before.state().getStatus() != after.state().getStatus()) {
        changes.count(m -> m.caseStatus(after.state().getStatus()));
      }
    }
    for (Effect effect : transition.effects()) {
      if (effect instanceof Effect.EmitTask emit) {
        OutreachTask task = emit.task();
        changes.forward(new Record<>(task.getCustomerId(), CustomerKeys.seal(task, changes, now()), timestamp),
            sinkOf(task));
        changes.count(m -> m.task(task.getChannel(), task.getAction()));
      } else if (effect instanceof Effect.StartTimer start) {
        changes.putTimer(TimerKeys.key(start.timer()), TimerState.FRESH.format());
      } else if (effect instanceof Effect.SuppressCustomer suppress) {
        changes.putDoNotContact(suppress.customerId(), now().toString());
      } else if (effect instanceof Effect.Count count) {
        changes.count(m -> m.count(count.what()));
      } else if (effect instanceof Effect.CustomerChose chose) {
        changes.count(m -> m.customerChoice(chose.choice()));
      } else if (effect instanceof Effect.CustomerInputRecordedOnly only) {
        changes.count(m -> {
          m.count(ProcessorMetrics.CUSTOMER_INPUT_RECORDED_ONLY);
          log.info("the customer's own {} for task {} ({}) of case {} ({}) is recorded and has no effect", only.outcome(),
              only.taskId(), only.taskState(), only.caseId(), only.caseStatus());
        });
      } else if (effect instanceof Effect.OutcomeAfterClose late) {
        changes.count(m -> {
          m.count(ProcessorMetrics.OUTCOME_AFTER_CLOSE);
          // Ids and enums only: nothing personal at INFO.
          log.info("{} for task {} of case {} arrived after the case closed ({}) and cancelled the task: recorded,"
              + " no effect", late.outcome(), late.taskId(), late.caseId(), late.caseStatus());
        });
      }
    }
  }

  private static String sinkOf(OutreachTask task) {
    return switch (ChannelFamily.of(task.getChannel())) {
      case WRITTEN -> ChurnTopology.TASKS_WRITTEN;
      case PHONE -> ChurnTopology.TASKS_PHONE;
      case IN_PERSON -> ChurnTopology.TASKS_IN_PERSON;
    };
  }

  private List<CaseFile> casesOf(String customerId, Changes changes) {
    return changes.caseIdsOf(customerId).stream().map(changes::caseFile).filter(Objects::nonNull).toList();
  }

  private static List<Effect> concat(List<Effect> first, List<Effect> second) {
    List<Effect> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }

  /** An input the lifecycle refuses: dead-lettered with this reason, nothing else changes. */
  private static final class Rejected extends RuntimeException {
    private final String metric;
    private final String errorClass;

    Rejected(String metric, String errorClass, String reason) {
      super(reason, null, false, false);
      this.metric = metric;
      this.errorClass = errorClass;
    }
  }
}
