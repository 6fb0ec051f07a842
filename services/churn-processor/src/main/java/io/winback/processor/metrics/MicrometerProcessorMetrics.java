package io.winback.processor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import io.winback.events.CustomerChoice;
import io.winback.events.TaskAction;
import io.winback.processor.cases.Effect;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.util.List;

/**
 * Domain counters for Prometheus: cases by status, tasks by channel, dead letters, timer
 * failures, cases removed after the retention period, other events. Counters an alert may watch are registered at zero from start-up for
 * every known label value, so "no increase" and "never happened" look the same on a dashboard.
 */
public final class MicrometerProcessorMetrics implements ProcessorMetrics {

  /**
   * The reasons a record from any input is dead-lettered with: it does not decode (the decoder's
   * exception), it breaks a rule ({@code Validation}), or the code failed on it.
   */
  static final List<String> INPUT_DEAD_LETTER_REASONS = List.of("UndecodableRecordException",
      "InvalidInputException", "processing-error");
  /** And those only feedback has: a case that does not exist, an outcome the task's state does not allow. */
  static final List<String> FEEDBACK_DEAD_LETTER_REASONS = List.of("unknown-case", "rejected");

  private final MeterRegistry registry;

  public MicrometerProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Effect.Timer.Kind kind : Effect.Timer.Kind.values()) {
      timerFailures(kind);
    }
    EVENTS.forEach(this::events);
    casesExpired();
    // At zero from start-up, so that increase() sees the first dead letter too (an alert watches them).
    for (TopicSpec<?, ?> input : Topics.INPUTS) {
      INPUT_DEAD_LETTER_REASONS.forEach(reason -> deadLetters(input.name(), reason));
    }
    FEEDBACK_DEAD_LETTER_REASONS.forEach(reason -> deadLetters(Topics.FEEDBACK.name(), reason));
    deadLetters("timer", "timer-failing");
    for (CustomerChoice choice : CHOICES) {
      customerChoices(choice);
    }
    for (Cohort cohort : Cohort.values()) {
      casesOpened(cohort);
    }
  }

  /** Every choice a customer can make (NONE is none). */
  static final List<CustomerChoice> CHOICES = java.util.Arrays.stream(CustomerChoice.values())
      .filter(choice -> choice != CustomerChoice.NONE).toList();

  @Override
  public void customerChoice(CustomerChoice choice) {
    customerChoices(choice).increment();
  }

  @Override
  public void caseOpened(Cohort cohort) {
    casesOpened(cohort).increment();
  }

  private io.micrometer.core.instrument.Counter customerChoices(CustomerChoice choice) {
    return registry.counter("winback.customer.choices", "choice", choice.name());
  }

  private io.micrometer.core.instrument.Counter casesOpened(Cohort cohort) {
    return registry.counter("winback.cases.opened", "cohort", cohort.name());
  }

  @Override
  public void caseStatus(CaseStatus status) {
    registry.counter("winback.cases", "status", status.name()).increment();
    if (status == CaseStatus.SUPPRESSED) {
      registry.counter("winback.cases.suppressed").increment();
    }
  }

  @Override
  public void task(Channel channel, TaskAction action) {
    registry.counter("winback.tasks", "channel", channel.name(), "action", action.name()).increment();
  }

  @Override
  public void deadLettered(String sourceTopic, String reason) {
    deadLetters(sourceTopic, reason).increment();
  }

  @Override
  public void count(String event) {
    events(event).increment();
  }

  @Override
  public void timerFailed(Effect.Timer.Kind kind) {
    timerFailures(kind).increment();
  }

  @Override
  public void caseExpired() {
    casesExpired().increment();
  }

  private io.micrometer.core.instrument.Counter casesExpired() {
    return registry.counter("winback.cases.expired");
  }

  private io.micrometer.core.instrument.Counter timerFailures(Effect.Timer.Kind kind) {
    return registry.counter("winback.timer.failures", "kind", kind.name());
  }

  private io.micrometer.core.instrument.Counter deadLetters(String source, String reason) {
    return registry.counter("winback.dead.letters", "source", source, "reason", reason);
  }

  private io.micrometer.core.instrument.Counter events(String event) {
    return registry.counter("winback.processor.events", "event", event);
  }
}
