package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.Events.feedback;
import static io.winback.processor.topology.ChurnTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.rules.TaskOutcomes;
import io.winback.schemas.topics.DeadLetterHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per cell of the task state × outcome table ({@link TaskOutcomes}), through the real
 * topology: a task is brought into the state by real inputs, the outcome is sent, and what the
 * table says must happen happens; a pair the table does not allow goes to the dead-letter topic
 * with "outcome X for a task in state Y" and changes nothing.
 */
class OutcomeTableTest {

  /** Email, phone and letter with consent; no account manager: the first outreach is an email. */
  static final CustomerRelationship CUSTOMER = customer("C-1").setConsent(new Consent(true, true, true, false, false))
      .build();

  final TopologyHarness app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  static Stream<Arguments> everyCell() {
    List<Arguments> cells = new ArrayList<>();
    for (TaskState state : TaskState.values()) {
      for (Outcome outcome : Outcome.values()) {
        cells.add(Arguments.of(state, outcome));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{1} for a {0} task")
  @MethodSource("everyCell")
  void theTableDecides(TaskState state, Outcome outcome) {
    Setup setup = taskIn(state);
    assertThat(task(setup).getState()).as("set-up").isEqualTo(state);
    CaseFile before = app.caseFile(setup.caseId);
    List<String> timersBefore = timers();
    app.caseUpdates();
    app.allTasks();

    app.send(feedback(setup.caseId, setup.task.getTaskId(), "C-1", setup.task.getChannel(), outcome, app.now()));

    TaskOutcomes.step(state, outcome).ifPresentOrElse(
        step -> assertApplied(setup, step, before, timersBefore),
        () -> assertRejected(setup, state, outcome, before, timersBefore));
  }

  private void assertApplied(Setup setup, TaskOutcomes.Step step, CaseFile before, List<String> timersBefore) {
    assertThat(app.deadLetters.isEmpty()).as("no dead letter").isTrue();
    WinbackCase after = app.latestCase(setup.caseId);
    assertThat(task(setup).getState()).as("next task state").isEqualTo(step.next());
    assertThat(after.getOutcomes()).last().satisfies(entry -> assertThat(entry.getOutcome()).isEqualTo(step.outcome()));
    assertThat(app.caseUpdates()).last().isEqualTo(after);
    List<OutreachTask> emitted = app.allTasks();
    List<OutreachTask> created = emitted.stream().filter(t -> t.getAction() == TaskAction.CREATE).toList();
    switch (step.effect()) {
      case AWAIT_ANSWER -> {
        assertThat(after.getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(timers()).anyMatch(key -> key.contains("|NO_ANSWER|") && key.endsWith(setup.task.getTaskId()));
        assertThat(emitted).isEmpty();
      }
      case AWAIT_RESULT -> {
        assertThat(after.getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(after.getStatusReason()).contains("reached");
        assertThat(emitted).isEmpty();
      }
      case AWAIT_MEETING -> {
        assertThat(after.getStatus()).isEqualTo(CaseStatus.AWAITING_MEETING);
        assertThat(emitted).isEmpty();
      }
      case RETRY -> assertThat(created).singleElement().satisfies(retry -> {
        assertThat(retry.getAttempt()).isEqualTo(setup.task.getAttempt() + 1);
        assertThat(retry.getRationale()).extracting(r -> r.getRuleId()).contains("follow-up.retry-not-reached");
      });
      case NEXT_WRITTEN -> assertThat(created).singleElement().satisfies(next -> {
        assertThat(next.getChannel()).isEqualTo(Channel.LETTER);
        assertThat(next.getAttempt()).isEqualTo(setup.task.getAttempt());
      });
      case RECORD_AFTER_CLOSE -> {
        // The set-up's CANCELLED task: the case closed WITHDRAWN and cancelled it; the desk's outcome crossed the CANCEL.
        assertThat(after.getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(after.getClosedAt()).isEqualTo(before.state().getClosedAt());
        assertThat(after.getTasks()).isEqualTo(before.state().getTasks());
        assertThat(timers()).isEqualTo(timersBefore);
        assertThat(emitted).isEmpty();
        assertThat(app.metrics.events).contains("outcome-after-close");
      }
      case CLOSE_FEEDBACK_COLLECTED, CLOSE_WON_BACK, CLOSE_DECLINED, CLOSE_DO_NOT_CONTACT, CLOSE_UNLESS_OTHER_OPEN -> {
        assertThat(after.getStatus()).isEqualTo(step.effect().closesAs().orElseThrow());
        assertThat(after.getClosedAt()).isNotNull();
        assertThat(after.getTasks()).noneMatch(t -> TaskOutcomes.isOpen(t.getState()));
        assertThat(created).isEmpty();
      }
    }
    boolean suppressed = app.driver.getKeyValueStore(StoreNames.DO_NOT_CONTACT).get("C-1") != null;
    assertThat(suppressed).as("customer suppressed for later cases")
        .isEqualTo(step.effect() == TaskOutcomes.CaseEffect.CLOSE_DO_NOT_CONTACT);
  }

  private void assertRejected(Setup setup, TaskState state, Outcome outcome, CaseFile before,
      List<String> timersBefore) {
    var dead = app.deadLetters.readRecord();
    assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_MESSAGE))
        .startsWith(TaskOutcomes.rejection(state, outcome));
    assertThat(app.deadLetters.isEmpty()).isTrue();
    assertThat(app.caseFile(setup.caseId)).as("the case is unchanged").isEqualTo(before);
    assertThat(timers()).as("the timers are unchanged").isEqualTo(timersBefore);
    assertThat(app.caseUpdates()).isEmpty();
    assertThat(app.allTasks()).isEmpty();
  }

  /** A case whose email task is in {@code state}, reached by real inputs. */
  private Setup taskIn(TaskState state) {
    app.send(CUSTOMER);
    CancellationEvent event = cancellation("C-1", app.now()).build();
    app.send(event);
    String caseId = CaseIds.caseId(event.getEventId());
    OutreachTask email = app.allTasks().get(0);
    switch (state) {
      case PENDING -> { }
      case SENT -> outcome(caseId, email, Outcome.SENT);
      case DONE -> outcome(caseId, email, Outcome.NOT_REACHED); // a retry follows; the case stays open
      case FAILED -> outcome(caseId, email, Outcome.DELIVERY_FAILED); // a letter follows; the case stays open
      case CANCELLED -> app.send(CancellationEvent.newBuilder(event).setEventId(event.getEventId() + "-w")
          .setType(CancellationType.WITHDRAWN).build());
    }
    return new Setup(caseId, email);
  }

  private void outcome(String caseId, OutreachTask task, Outcome outcome) {
    app.send(feedback(caseId, task.getTaskId(), "C-1", task.getChannel(), outcome, app.now()));
    app.advance(Duration.ofMinutes(1));
  }

  private CaseTask task(Setup setup) {
    return app.latestCase(setup.caseId).getTasks().stream()
        .filter(t -> t.getTaskId().equals(setup.task.getTaskId())).findFirst().orElseThrow();
  }

  private List<String> timers() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Object> all = app.driver.<String, Object>getKeyValueStore(StoreNames.TIMERS).all()) {
      all.forEachRemaining((KeyValue<String, Object> entry) -> keys.add(entry.key));
    }
    return keys;
  }

  private record Setup(String caseId, OutreachTask task) {}
}
