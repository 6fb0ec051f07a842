package io.winback.processor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.TaskAction;

/** Domain counters for Prometheus: cases by status, tasks by channel, dead letters, other events. */
public final class MicrometerProcessorMetrics implements ProcessorMetrics {

  private final MeterRegistry registry;

  public MicrometerProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
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
    registry.counter("winback.dead.letters", "source", sourceTopic, "reason", reason).increment();
  }

  @Override
  public void count(String event) {
    registry.counter("winback.processor.events", "event", event).increment();
  }
}
