package io.winback.processor.cases;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.events.TaskState;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.PolicySettings;
import io.winback.processor.tasks.TaskFactory;
import io.winback.processor.templates.MessageTemplates;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lifecycle as a pure function: no topology, no stores, time passed in. */
class CaseLifecycleTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private final CaseLifecycle lifecycle = new CaseLifecycle(new ChannelPolicy(PolicySettings.defaults()),
      new TaskFactory(new MessageTemplates(), "test"), Duration.ofMinutes(15));

  @Test
  void withoutCrmDataACaseOpensAndOnlyStartsTheGraceTimer() {
    Transition opened = lifecycle.open(cancellation("C-1", NOW).build(), null, false, NOW);

    assertThat(opened.file().awaitingData()).isTrue();
    assertThat(opened.effects()).filteredOn(Effect.StartTimer.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Effect.StartTimer.class, start -> {
          assertThat(start.timer().kind()).isEqualTo(Effect.Timer.Kind.DATA_GRACE);
          assertThat(start.timer().at()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        });
    assertThat(opened.effects()).as("besides, only the count of a case opened in the treated group")
        .filteredOn(effect -> !(effect instanceof Effect.StartTimer))
        .containsExactly(new Effect.CaseOpened(io.winback.events.Cohort.TREATED));
  }

  @Test
  void theCaseIdDerivesFromTheEventId() {
    var event = cancellation("C-1", NOW).build();

    Transition first = lifecycle.open(event, customer("C-1").build(), false, NOW);
    Transition again = lifecycle.open(event, customer("C-1").build(), false, NOW.plusSeconds(60));

    assertThat(first.file().caseId()).isEqualTo(again.file().caseId()).isEqualTo(CaseIds.caseId(event.getEventId()));
    assertThat(task(first).getTaskId()).isEqualTo(task(again).getTaskId());
  }

  @Test
  void sentStartsTheNoAnswerTimerForWrittenTasks() {
    Transition opened = lifecycle.open(cancellation("C-1", NOW).build(), customer("C-1").build(), false, NOW);
    OutreachTask email = task(opened);

    Transition sent = lifecycle.feedback(opened.file(),
        feedback(opened.file().caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, NOW), null, false, NOW);

    assertThat(sent.file().task(email.getTaskId()).orElseThrow().getState()).isEqualTo(TaskState.SENT);
    assertThat(sent.effects()).singleElement().isInstanceOfSatisfying(Effect.StartTimer.class, start ->
        assertThat(start.timer().at()).isEqualTo(NOW.plus(Duration.ofDays(7))));
  }

  @Test
  void aStaleNoAnswerTimerChangesNothing() {
    Transition opened = lifecycle.open(cancellation("C-1", NOW).build(), customer("C-1").build(), false, NOW);
    OutreachTask email = task(opened);

    Transition fired = lifecycle.noAnswer(opened.file(), email.getTaskId(), customer("C-1").build(), false, NOW);

    assertThat(fired.file()).isEqualTo(opened.file());
    assertThat(fired.effects()).isEmpty();
  }

  @Test
  void aFollowUpIsNotMadeForACustomerWhoSinceAskedNotToBeContacted() {
    var customer = customer("C-1").setConsent(new Consent(true, true, false, false, false)).build();
    Transition opened = lifecycle.open(cancellation("C-1", NOW).build(), customer, false, NOW);
    OutreachTask email = task(opened);
    Transition sent = lifecycle.feedback(opened.file(),
        feedback(opened.file().caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, NOW), customer, false, NOW);

    Transition fired = lifecycle.noAnswer(sent.file(), email.getTaskId(), customer, true, NOW.plus(Duration.ofDays(7)));

    assertThat(fired.file().state().getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    assertThat(fired.effects()).filteredOn(Effect.EmitTask.class::isInstance)
        .extracting(effect -> ((Effect.EmitTask) effect).task())
        .singleElement().satisfies(cancel -> {
          assertThat(cancel.getTaskId()).as("the unanswered email leaves the worklist").isEqualTo(email.getTaskId());
          assertThat(cancel.getAction()).isEqualTo(io.winback.events.TaskAction.CANCEL);
        });
  }

  private static OutreachTask task(Transition transition) {
    return transition.effects().stream().filter(Effect.EmitTask.class::isInstance)
        .map(effect -> ((Effect.EmitTask) effect).task()).findFirst().orElseThrow();
  }
}
