package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.Events.feedback;
import static io.winback.processor.topology.ChurnTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.topics.DeadLetterHeaders;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The race the chaos run found (docs/reliability.md): the customer withdraws the cancellation while the
 * desk sends the mail; the processor closes the case and cancels the task a moment before the desk's
 * SENT arrives. The desk's own outcome for a task its case's close cancelled is recorded without effect:
 * no dead letter, no change of status or tasks, counted.
 */
class WithdrawalDuringSendTest {

  final TopologyHarness app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING);
  CancellationEvent event;
  OutreachTask email;

  @AfterEach
  void close() {
    app.close();
  }

  private String caseId() {
    return CaseIds.caseId(event.getEventId());
  }

  /** A case whose email task the withdrawal cancelled, the CANCEL on its way to the desk. */
  private CaseFile withdrawnWhileSending() {
    app.send(customer("C-1").setConsent(new Consent(true, true, true, false, false)).build());
    event = cancellation("C-1", app.now()).build();
    app.send(event);
    email = app.allTasks().get(0);
    app.send(CancellationEvent.newBuilder(event).setEventId(event.getEventId() + "-w")
        .setType(CancellationType.WITHDRAWN).build());
    assertThat(app.allTasks()).singleElement().satisfies(cancel -> assertThat(cancel.getAction())
        .isEqualTo(TaskAction.CANCEL));
    app.caseUpdates();
    app.advance(Duration.ofSeconds(2));
    return app.caseFile(caseId());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Outcome.class, names = {"SENT", "DELIVERY_FAILED", "SUPPRESSED"})
  void theDesksOwnOutcomeAfterTheCloseIsRecordedWithoutEffect(Outcome automatic) {
    CaseFile before = withdrawnWhileSending();

    app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, automatic, app.now()));

    assertThat(app.deadLetters.isEmpty()).as("not bad input").isTrue();
    WinbackCase after = app.latestCase(caseId());
    assertThat(after.getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
    assertThat(after.getStatusReason()).isEqualTo(before.state().getStatusReason());
    assertThat(after.getClosedAt()).isEqualTo(before.state().getClosedAt());
    assertThat(after.getTasks()).isEqualTo(before.state().getTasks());
    assertThat(after.getTasks()).singleElement().satisfies(t -> assertThat(t.getState()).isEqualTo(TaskState.CANCELLED));
    assertThat(after.getOutcomes()).as("in the outcome history: the mail did go out")
        .singleElement().satisfies(entry -> assertThat(entry.getOutcome()).isEqualTo(automatic));
    assertThat(app.allTasks()).as("no task, no second CANCEL").isEmpty();
    assertThat(app.metrics.events).containsOnlyOnce("outcome-after-close");
    assertThat(app.metrics.events).noneMatch(e -> e.startsWith("dlq:"));
  }

  @Test
  void aRepeatedLateOutcomeIsRecordedOnce() {
    withdrawnWhileSending();
    OutreachFeedback sent = feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now());

    app.send(sent);
    app.send(sent);

    assertThat(app.latestCase(caseId()).getOutcomes()).hasSize(1);
    assertThat(app.caseUpdates()).hasSize(1);
    assertThat(app.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aBounceAfterTheLateSentIsRecordedTooAndStillChangesNothing() {
    withdrawnWhileSending();

    app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now()));
    app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.DELIVERY_FAILED, app.now()));

    assertThat(app.deadLetters.isEmpty()).isTrue();
    assertThat(app.latestCase(caseId()).getOutcomes()).extracting(e -> e.getOutcome())
        .containsExactly(Outcome.SENT, Outcome.DELIVERY_FAILED);
    assertThat(app.allTasks()).as("no next written channel for a closed case").isEmpty();
  }

  @Test
  void anAgentsOutcomeForTheCancelledTaskIsStillRefused() {
    CaseFile before = withdrawnWhileSending();

    app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.WON_BACK, app.now()));

    assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
        .isEqualTo("outcome WON_BACK for a task in state CANCELLED; case " + caseId() + " is closed (WITHDRAWN)");
    assertThat(app.caseFile(caseId())).isEqualTo(before);
  }

  @Test
  void aSentForATaskTheDeskItselfSuppressedIsRefused() {
    // Email and letter: the desk suppresses the email, the letter keeps the case open, then the case closes.
    app.send(customer("C-1").setConsent(new Consent(true, true, true, false, false)).build());
    event = cancellation("C-1", app.now()).build();
    app.send(event);
    email = app.allTasks().get(0);
    app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SUPPRESSED, app.now()));
    assertThat(app.latestCase(caseId()).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    app.deadLetters.readRecordsToList();

    app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now()));

    assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
        .startsWith("outcome SENT for a task in state CANCELLED; the desk's own suppression cancelled task");
    assertThat(app.metrics.events).doesNotContain("outcome-after-close");
  }
}
