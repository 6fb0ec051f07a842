package io.winback.processor.metrics;

import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.TaskAction;

/** The domain counters the processor reports; Micrometer in the service, a plain recorder in tests. */
public interface ProcessorMetrics {

  void caseStatus(CaseStatus status);

  void task(Channel channel, TaskAction action);

  void deadLettered(String sourceTopic, String reason);

  /** Other domain events: suppressed, needs-data, duplicate, erased, ... */
  void count(String event);

  ProcessorMetrics NONE = new ProcessorMetrics() {
    @Override
    public void caseStatus(CaseStatus status) {}

    @Override
    public void task(Channel channel, TaskAction action) {}

    @Override
    public void deadLettered(String sourceTopic, String reason) {}

    @Override
    public void count(String event) {}
  };
}
