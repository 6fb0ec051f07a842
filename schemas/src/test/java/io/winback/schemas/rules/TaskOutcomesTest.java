package io.winback.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CaseStatus;
import io.winback.events.Outcome;
import io.winback.events.TaskState;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shape of the state × outcome table; what each step does is the processor's TopologyTestDriver tests. */
class TaskOutcomesTest {

  @ParameterizedTest
  @EnumSource(value = TaskState.class, names = {"DONE", "FAILED"})
  void aDoneOrFailedTaskTakesNoOutcomeAtAll(TaskState state) {
    for (Outcome outcome : Outcome.values()) {
      assertThat(TaskOutcomes.allows(state, outcome)).as("%s on %s", outcome, state).isFalse();
    }
  }

  @Test
  void aCancelledTaskTakesOnlyTheDesksOwnOutcomesAndOnlyToRecordThem() {
    for (Outcome outcome : Outcome.values()) {
      var step = TaskOutcomes.step(TaskState.CANCELLED, outcome);
      if (TaskOutcomes.AUTOMATIC.contains(outcome)) {
        assertThat(step).as("%s", outcome).hasValueSatisfying(s -> {
          assertThat(s.next()).isEqualTo(TaskState.CANCELLED);
          assertThat(s.effect()).isEqualTo(TaskOutcomes.CaseEffect.RECORD_AFTER_CLOSE);
          assertThat(s.effect().closesAs()).isEmpty();
        });
      } else {
        assertThat(step).as("%s, an agent's or the customer's outcome", outcome).isEmpty();
      }
    }
    assertThat(TaskOutcomes.AUTOMATIC).containsExactlyInAnyOrder(Outcome.SENT, Outcome.DELIVERY_FAILED,
        Outcome.SUPPRESSED);
  }

  @Test
  void aPendingTaskTakesEveryOutcome() {
    for (Outcome outcome : Outcome.values()) {
      assertThat(TaskOutcomes.allows(TaskState.PENDING, outcome)).as("%s", outcome).isTrue();
    }
  }

  @Test
  void reachedMeansTheResultFollowsOnTheSameTask() {
    TaskOutcomes.Step reached = TaskOutcomes.step(TaskState.PENDING, Outcome.REACHED).orElseThrow();

    assertThat(reached.next()).isEqualTo(TaskState.SENT);
    assertThat(TaskOutcomes.isOpen(reached.next())).as("still open: a close cancels it").isTrue();
    assertThat(TaskOutcomes.allows(TaskState.SENT, Outcome.WON_BACK)).isTrue();
    assertThat(TaskOutcomes.allows(TaskState.SENT, Outcome.NOT_REACHED)).as("reached, then not reached").isFalse();
  }

  @Test
  void aScheduledMeetingKeepsTheTaskOpenForTheMeetingsResult() {
    TaskOutcomes.Step meeting = TaskOutcomes.step(TaskState.PENDING, Outcome.MEETING_SCHEDULED).orElseThrow();

    assertThat(meeting.next()).isEqualTo(TaskState.SENT);
    assertThat(TaskOutcomes.step(TaskState.SENT, Outcome.FEEDBACK_RECEIVED).orElseThrow().effect().closesAs())
        .contains(CaseStatus.FEEDBACK_COLLECTED);
  }

  @Test
  void aSentTaskTakesNoSecondSentAndNoSuppression() {
    assertThat(TaskOutcomes.allows(TaskState.SENT, Outcome.SENT)).isFalse();
    assertThat(TaskOutcomes.allows(TaskState.SENT, Outcome.SUPPRESSED)).isFalse();
  }

  @Test
  void everyStepThatClosesTheCaseFinishesTheTask() {
    assertThat(TaskOutcomes.steps()).filteredOn(step -> step.effect().closesAs().isPresent())
        .allSatisfy(step -> assertThat(TaskOutcomes.isOpen(step.next())).as("%s", step).isFalse());
  }

  @Test
  void onlyPendingAndSentAreOpen() {
    assertThat(TaskOutcomes.OPEN).isEqualTo(EnumSet.of(TaskState.PENDING, TaskState.SENT));
  }

  @Test
  void theRejectionNamesTheOutcomeAndTheState() {
    assertThat(TaskOutcomes.rejection(TaskState.CANCELLED, Outcome.WON_BACK))
        .isEqualTo("outcome WON_BACK for a task in state CANCELLED");
  }
}
