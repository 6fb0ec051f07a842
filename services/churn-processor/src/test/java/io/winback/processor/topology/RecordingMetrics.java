package io.winback.processor.topology;

import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.TaskAction;
import io.winback.processor.metrics.ProcessorMetrics;
import java.util.ArrayList;
import java.util.List;

/** Remembers what the processor counted, for assertions. */
final class RecordingMetrics implements ProcessorMetrics {

  final List<String> events = new ArrayList<>();

  @Override
  public void caseStatus(CaseStatus status) {
    events.add("case:" + status);
  }

  @Override
  public void task(Channel channel, TaskAction action) {
    events.add("task:" + channel + ":" + action);
  }

  @Override
  public void deadLettered(String sourceTopic, String reason) {
    events.add("dlq:" + sourceTopic + ":" + reason);
  }

  @Override
  public void count(String event) {
    events.add(event);
  }

  @Override
  public void timerFailed(io.winback.processor.cases.Effect.Timer.Kind kind) {
    events.add("timer-failed:" + kind);
  }

  @Override
  public void caseExpired() {
    events.add("case-expired");
  }

  @Override
  public void customerChoice(io.winback.events.CustomerChoice choice) {
    events.add("choice:" + choice);
  }

  @Override
  public void caseOpened(io.winback.events.Cohort cohort) {
    events.add("opened:" + cohort);
  }
}
