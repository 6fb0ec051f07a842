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
import io.winback.processor.policy.ChannelFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the case lifecycle to the stores and topics of one customer partition: cancellations,
 * CRM data and feedback of a customer all arrive here (the inputs are co-partitioned), and
 * timers fire from wall-clock punctuation, so they survive restarts with the store.
 */
final class CaseProcessor implements Processor<Object, Inbound, Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(CaseProcessor.class);

  private final CaseLifecycle lifecycle;
  private final ProcessorMetrics metrics;
  private final Duration timerInterval;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, CaseFile> cases;
  private KeyValueStore<String, List<String>> customerCases;
  private KeyValueStore<String, CustomerRelationship> relationships;
  private KeyValueStore<String, String> doNotContact;
  private KeyValueStore<String, String> timers;

  CaseProcessor(CaseLifecycle lifecycle, ProcessorMetrics metrics, Duration timerInterval) {
    this.lifecycle = lifecycle;
    this.metrics = metrics;
    this.timerInterval = timerInterval;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    cases = context.getStateStore(StoreNames.CASES);
    customerCases = context.getStateStore(StoreNames.CUSTOMER_CASES);
    relationships = context.getStateStore(StoreNames.RELATIONSHIPS);
    doNotContact = context.getStateStore(StoreNames.DO_NOT_CONTACT);
    timers = context.getStateStore(StoreNames.TIMERS);
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
  }

  @Override
  public void process(Record<Object, Inbound> record) {
    Inbound inbound = record.value();
    try {
      if (inbound instanceof Inbound.Cancellation cancellation) {
        onCancellation(cancellation, record);
      } else if (inbound instanceof Inbound.Relationship relationship) {
        onRelationship(relationship, record);
      } else if (inbound instanceof Inbound.Feedback feedback) {
        onFeedback(feedback, record);
      }
    } catch (RuntimeException e) {
      // A bug must not stop the stream thread: the input goes to the dead-letter topic instead.
      log.error("could not process a record from {} partition {} offset {}; dead-lettered",
          inbound.raw().topic(), inbound.raw().partition(), inbound.raw().offset(), e);
      deadLetter(inbound.raw(), e.getClass().getName(), String.valueOf(e.getMessage()));
    }
  }

  private void onCancellation(Inbound.Cancellation input, Record<?, ?> record) {
    CancellationEvent event = input.event();
    String customerId = event.getCustomerId();
    CustomerRelationship customer = relationships.get(customerId);
    if (event.getType() == CancellationType.WITHDRAWN) {
      boolean matched = false;
      for (CaseFile file : casesOf(customerId)) {
        if (!file.closed() && file.cancellation().getContractId().equals(event.getContractId())) {
          apply(lifecycle.withdrawn(file, customer, now()), file, input.raw(), record.timestamp());
          matched = true;
        }
      }
      if (!matched) {
        metrics.count("withdrawal-without-open-case");
      }
      return;
    }
    String caseId = CaseIds.caseId(event.getEventId());
    if (cases.get(caseId) != null) {
      metrics.count("duplicate-cancellation"); // re-delivered: the case and its task exist already
      return;
    }
    apply(lifecycle.open(event, customer, doNotContact.get(customerId) != null, now()), null, input.raw(),
        record.timestamp());
  }

  private void onRelationship(Inbound.Relationship input, Record<?, ?> record) {
    String customerId = input.customerId();
    if (input.relationship() == null) {
      erase(customerId);
      return;
    }
    relationships.put(customerId, input.relationship());
    boolean dnc = doNotContact.get(customerId) != null;
    for (CaseFile file : casesOf(customerId)) {
      if (file.awaitingData()) {
        apply(lifecycle.relationshipArrived(file, input.relationship(), dnc, now()), file, input.raw(),
            record.timestamp());
      }
    }
  }

  private void onFeedback(Inbound.Feedback input, Record<?, ?> record) {
    OutreachFeedback feedback = input.feedback();
    CaseFile file = load(feedback.getCaseId());
    if (file == null || !file.customerId().equals(feedback.getCustomerId())) {
      metrics.deadLettered(input.raw().topic(), "unknown-case");
      deadLetter(input.raw(), "io.winback.processor.UnknownCase", "no case " + feedback.getCaseId()
          + " for customer " + feedback.getCustomerId());
      return;
    }
    String customerId = feedback.getCustomerId();
    apply(lifecycle.feedback(file, feedback, relationships.get(customerId), doNotContact.get(customerId) != null,
        now()), file, input.raw(), record.timestamp());
  }

  /** The CRM erased the customer: personal data goes, ids, statuses and outcomes stay. */
  private void erase(String customerId) {
    relationships.delete(customerId);
    for (CaseFile file : casesOf(customerId)) {
      if (file.cancellation().getReasonText() != null) {
        cases.put(file.caseId(), new CaseFile(file.state(),
            CancellationEvent.newBuilder(file.cancellation()).setReasonText(null).build()));
      }
    }
    metrics.count("customer-erased");
  }

  private void fireDueTimers(long timestamp) {
    Instant now = Instant.ofEpochMilli(timestamp);
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> iterator = timers.range("0", TimerKeys.upTo(now))) {
      iterator.forEachRemaining(due::add);
    }
    for (KeyValue<String, String> entry : due) {
      timers.delete(entry.key);
      Effect.Timer timer = TimerKeys.parse(entry.key);
      CaseFile file = load(timer.caseId());
      if (file == null) {
        continue;
      }
      try {
        String customerId = file.customerId();
        Transition transition = switch (timer.kind()) {
          case DATA_GRACE -> lifecycle.dataGraceExpired(file, now);
          case NO_ANSWER -> lifecycle.noAnswer(file, timer.taskId(), relationships.get(customerId),
              doNotContact.get(customerId) != null, now);
        };
        apply(transition, file, null, timestamp);
      } catch (RuntimeException e) {
        log.error("timer {} of case {} failed; dropped", timer.kind(), timer.caseId(), e);
      }
    }
  }

  private void apply(Transition transition, CaseFile before, RawRecord raw, long timestamp) {
    CaseFile after = transition.file();
    for (Effect effect : transition.effects()) {
      if (effect instanceof Effect.Reject reject) {
        metrics.deadLettered(raw == null ? "timer" : raw.topic(), "rejected");
        if (raw != null) {
          deadLetter(raw, "io.winback.processor.RejectedInput", reject.reason());
        }
        return; // a rejected input changes nothing
      }
    }
    if (before == null) {
      List<String> ids = new ArrayList<>(customerCaseIds(after.customerId()));
      ids.add(after.caseId());
      customerCases.put(after.customerId(), ids);
    }
    if (before == null || !before.state().equals(after.state())) {
      cases.put(after.caseId(), after);
      context.forward(new Record<>(after.caseId(), after.state(), timestamp), ChurnTopology.CASE_UPDATES);
      if (before == null || before.state().getStatus() != after.state().getStatus()) {
        metrics.caseStatus(after.state().getStatus());
      }
    }
    for (Effect effect : transition.effects()) {
      if (effect instanceof Effect.EmitTask emit) {
        emit(emit.task(), timestamp);
      } else if (effect instanceof Effect.StartTimer start) {
        timers.put(TimerKeys.key(start.timer()), "");
      } else if (effect instanceof Effect.SuppressCustomer suppress) {
        doNotContact.put(suppress.customerId(), now().toString());
      } else if (effect instanceof Effect.Count count) {
        metrics.count(count.what());
      }
    }
  }

  private void emit(OutreachTask task, long timestamp) {
    String sink = switch (ChannelFamily.of(task.getChannel())) {
      case WRITTEN -> ChurnTopology.TASKS_WRITTEN;
      case PHONE -> ChurnTopology.TASKS_PHONE;
      case IN_PERSON -> ChurnTopology.TASKS_IN_PERSON;
    };
    context.forward(new Record<>(task.getCustomerId(), task, timestamp), sink);
    metrics.task(task.getChannel(), task.getAction());
  }

  private void deadLetter(RawRecord raw, String errorClass, String message) {
    context.forward(DeadLetters.of(raw, errorClass, message, now()), ChurnTopology.DEAD_LETTERS);
  }

  private List<CaseFile> casesOf(String customerId) {
    return customerCaseIds(customerId).stream().map(this::load).filter(java.util.Objects::nonNull).toList();
  }

  private List<String> customerCaseIds(String customerId) {
    List<String> ids = customerCases.get(customerId);
    return ids == null ? List.of() : ids;
  }

  private CaseFile load(String caseId) {
    return cases.get(caseId);
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }
}
