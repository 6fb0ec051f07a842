package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.topology.ChurnTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.TaskAction;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The effects of one input are computed first and written only when all are: a withdrawal that
 * closes two cases and fails in the second changes neither, goes to the dead-letter topic, and
 * applied again later it closes both, once. What is not a programming error is not swallowed.
 */
class AllOrNothingTest {

  final FailingLifecycle lifecycle = new FailingLifecycle();
  final TopologyHarness app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING, lifecycle,
      TopologyHarness.TIMER_RETRY);

  @AfterEach
  void close() {
    app.close();
  }

  /** Billing sent the cancellation of one contract twice, with two event ids: two open cases. */
  private List<CancellationEvent> twoCasesOfOneContract() {
    app.send(customer("C-1").build());
    CancellationEvent first = cancellation("C-1", app.now()).build();
    CancellationEvent second = cancellation("C-1", app.now()).build();
    app.send(first);
    app.send(second);
    assertThat(app.allTasks()).hasSize(2);
    app.caseUpdates();
    app.metrics.events.clear();
    return List.of(first, second);
  }

  private static CancellationEvent withdrawalOf(CancellationEvent event) {
    return CancellationEvent.newBuilder(event).setEventId("evt-withdrawn").setType(CancellationType.WITHDRAWN).build();
  }

  @Test
  void anInputThatFailsInItsSecondEffectChangesNoStore() {
    List<CancellationEvent> cases = twoCasesOfOneContract();
    List<CaseFile> before = cases.stream().map(e -> app.caseFile(CaseIds.caseId(e.getEventId()))).toList();
    lifecycle.failWithdrawalNumber = 2;

    app.send(withdrawalOf(cases.get(0)));

    assertThat(cases.stream().map(e -> app.caseFile(CaseIds.caseId(e.getEventId())))).as("both cases as they were")
        .containsExactlyElementsOf(before);
    assertThat(app.allTasks()).as("no CANCEL went out").isEmpty();
    assertThat(app.caseUpdates()).isEmpty();
    var letter = app.deadLetters.readRecord();
    assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("java.lang.IllegalStateException");
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("a bug in the second case");
    assertThat(app.metrics.events).containsExactly("dlq:" + Topics.CANCELLATIONS.name() + ":processing-error");

    // Fixed, and the dead letter redriven: both cases close, each task is cancelled once.
    lifecycle.resetWithdrawals();
    app.send(withdrawalOf(cases.get(0)));

    assertThat(cases).allSatisfy(e ->
        assertThat(app.latestCase(CaseIds.caseId(e.getEventId())).getStatus()).isEqualTo(CaseStatus.WITHDRAWN));
    assertThat(app.allTasks()).hasSize(2).allSatisfy(task -> assertThat(task.getAction()).isEqualTo(TaskAction.CANCEL));
  }

  @Test
  void aStreamsExceptionIsNotSwallowed() {
    List<CancellationEvent> cases = twoCasesOfOneContract();
    lifecycle.failWithdrawalNumber = 1;
    lifecycle.withdrawalFailure = () -> new StreamsException("the store is gone");

    assertThatThrownBy(() -> app.send(withdrawalOf(cases.get(0)))).isInstanceOf(StreamsException.class);
    assertThat(app.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void anErrorIsNotSwallowed() {
    List<CancellationEvent> cases = twoCasesOfOneContract();
    lifecycle.failWithdrawalNumber = 1;
    lifecycle.withdrawalFailure = () -> new LinkageError("a class went missing");

    assertThatThrownBy(() -> app.send(withdrawalOf(cases.get(0)))).isInstanceOf(LinkageError.class);
    assertThat(app.deadLetters.isEmpty()).isTrue();
  }
}
