package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.Events.feedback;
import static io.winback.processor.Events.manager;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.events.RationaleEntry;
import io.winback.events.TaskAction;
import io.winback.events.Tier;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle's rules beyond the outcome table, through the real topology: every later contact
 * is decided by the channel policy on the CRM data of that moment, the contract end holds for
 * every attempt, and a close cancels every task still open.
 */
class LifecycleRulesTest {

  /** Monday 23 November 2026, 10:00 in Berlin. */
  static final Instant MONDAY_MORNING = ChurnTopologyTest.MONDAY_MORNING;

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  private CancellationEvent cancels(CustomerRelationship customer) {
    return cancels(customer, cancellation(customer.getCustomerId(), app.now()).build());
  }

  private CancellationEvent cancels(CustomerRelationship customer, CancellationEvent event) {
    app.send(customer);
    app.send(event);
    return event;
  }

  private void outcome(CancellationEvent event, OutreachTask task, Outcome outcome) {
    app.send(feedback(caseOf(event), task.getTaskId(), event.getCustomerId(), task.getChannel(), outcome, app.now()));
  }

  private WinbackCase caseState(CancellationEvent event) {
    return app.latestCase(caseOf(event));
  }

  private static String caseOf(CancellationEvent event) {
    return CaseIds.caseId(event.getEventId());
  }

  private static List<String> ruleIds(OutreachTask task) {
    return task.getRationale().stream().map(RationaleEntry::getRuleId).toList();
  }

  @Nested
  class Retries {

    @Test
    void aRetryAfterTheConsentForItsChannelWasWithdrawnMakesNoTaskAndClosesTheCaseWithTheReason() {
      CustomerRelationship phoneOnly = customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE)
          .setConsent(new Consent(false, true, false, false, false)).build();
      CancellationEvent event = cancels(phoneOnly);
      OutreachTask call = app.phone.readValuesToList().get(0);
      app.send(CustomerRelationship.newBuilder(phoneOnly).setConsent(new Consent(false, false, false, false, false))
          .build());

      outcome(event, call, Outcome.NOT_REACHED);

      assertThat(app.allTasks()).isEmpty();
      WinbackCase closed = caseState(event);
      assertThat(closed.getStatus()).isEqualTo(CaseStatus.NO_RESPONSE);
      assertThat(closed.getStatusReason()).isEqualTo(
          "not reached after 1 attempt(s); no further contact: no channel with consent and contact data");
    }

    @Test
    void anInPersonRetryAfterTheAccountManagerLeftFallsToTheNextChannel() {
      CustomerRelationship visited = customer("C-1").setCustomerSince(LocalDate.parse("2015-03-01"))
          .setConsent(new Consent(true, true, true, false, true)).setAccountManager(manager()).build();
      CancellationEvent event = cancels(visited);
      OutreachTask visit = app.inPerson.readValuesToList().get(0);
      app.send(CustomerRelationship.newBuilder(visited).setAccountManager(null).build());

      outcome(event, visit, Outcome.NOT_REACHED);

      assertThat(app.inPerson.isEmpty()).as("no visit without an account manager").isTrue();
      assertThat(app.phone.readValuesToList()).singleElement().satisfies(call -> {
        assertThat(call.getAttempt()).isEqualTo(2);
        assertThat(call.getAssignee()).isNull();
        assertThat(call.getGoal()).isEqualTo(Goal.WIN_BACK);
        assertThat(ruleIds(call)).containsExactly("goal.win-back.long-standing", "follow-up.retry-not-reached",
            "fallback.no-contact-data-for-in-person", "eligible.phone", "due.phone.business-days");
      });
    }

    @Test
    void aRetryForACustomerTheCrmErasedMeanwhileContactsNobody() {
      CustomerRelationship caller = customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE)
          .setConsent(new Consent(false, true, false, false, false)).build();
      CancellationEvent event = cancels(caller);
      OutreachTask call = app.phone.readValuesToList().get(0);
      app.erase("C-1");

      outcome(event, call, Outcome.NOT_REACHED);

      assertThat(app.allTasks()).isEmpty();
      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    }
  }

  @Nested
  class FollowUps {

    private CancellationEvent emailSent(CancellationEvent event) {
      CancellationEvent cancelled = cancels(customer("C-1").setConsent(new Consent(true, true, false, false, false))
          .build(), event);
      outcome(cancelled, app.written.readValuesToList().get(0), Outcome.SENT);
      return cancelled;
    }

    @Test
    void aFollowUpDecidedAtNightIsMovedOutOfTheQuietHours() {
      CancellationEvent event = cancellation("C-1", app.now()).build();
      app.advance(Duration.ofHours(12)); // Monday 22:00 in Berlin
      emailSent(event);

      app.advance(Duration.ofDays(7).plusSeconds(2)); // the next Monday, 22:00

      assertThat(app.phone.readValuesToList()).singleElement().satisfies(call -> {
        assertThat(call.getDueAt()).as("Thursday 08:00 in Berlin").isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
        assertThat(ruleIds(call)).endsWith("due.phone.business-days", "due.quiet-hours");
      });
    }

    @Test
    void aFollowUpIsBroughtForwardToTheLastWindowBeforeTheContractEnds() {
      emailSent(cancellation("C-1", app.now()).setEffectiveAt(LocalDate.parse("2026-12-02")).build());

      app.advance(Duration.ofDays(7).plusSeconds(2)); // Monday 30 November: due Wednesday, but the contract ends then

      assertThat(app.phone.readValuesToList()).singleElement().satisfies(call -> {
        assertThat(call.getDueAt()).as("Tuesday 19:59 in Berlin").isEqualTo(Instant.parse("2026-12-01T18:59:00Z"));
        assertThat(ruleIds(call)).endsWith("due.before-contract-end");
      });
    }

    @Test
    void noCallFollowsAnEmailOnceTheContractHasEnded() {
      CancellationEvent event = emailSent(cancellation("C-1", app.now())
          .setEffectiveAt(LocalDate.parse("2026-11-30")).build());

      app.advance(Duration.ofDays(7).plusSeconds(2)); // Monday 30 November, the day the contract ends

      assertThat(app.phone.isEmpty()).isTrue();
      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.NO_RESPONSE);
      assertThat(caseState(event).getStatusReason()).contains("no channel with consent and contact data");
    }

    @Test
    void aLateAnswerToTheEmailClosesTheCaseAndCancelsTheFollowUp() {
      CancellationEvent event = emailSent(cancellation("C-1", app.now()).build());
      app.advance(Duration.ofDays(7).plusSeconds(2));
      OutreachTask call = app.phone.readValuesToList().get(0);
      String emailId = caseState(event).getTasks().get(0).getTaskId();

      app.send(feedback(caseOf(event), emailId, "C-1", Channel.EMAIL, Outcome.FEEDBACK_RECEIVED, app.now()));

      assertThat(app.deadLetters.isEmpty()).as("the email is still answerable").isTrue();
      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.FEEDBACK_COLLECTED);
      assertThat(app.phone.readValuesToList()).singleElement().satisfies(cancel -> {
        assertThat(cancel.getTaskId()).isEqualTo(call.getTaskId());
        assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
      });
    }

    @Test
    void aMeetingArrangedInAnswerToTheEmailStopsTheFollowUpAndItsResultClosesTheCase() {
      CancellationEvent event = emailSent(cancellation("C-1", app.now()).build());
      String emailId = caseState(event).getTasks().get(0).getTaskId();
      app.send(feedback(caseOf(event), emailId, "C-1", Channel.EMAIL, Outcome.MEETING_SCHEDULED, app.now()));

      app.advance(Duration.ofDays(7).plusSeconds(2));

      assertThat(app.allTasks()).as("no follow-up: the customer answered").isEmpty();
      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.AWAITING_MEETING);

      app.send(feedback(caseOf(event), emailId, "C-1", Channel.EMAIL, Outcome.WON_BACK, app.now()));

      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.WON_BACK);
    }
  }

  @Nested
  class TheContractEnd {

    @Test
    void aCaseThatCanFirstBeContactedAfterTheContractEndedIsWrittenToWithTheGoalFeedback() {
      CancellationEvent event = cancellation("C-1", app.now()).setEffectiveAt(LocalDate.parse("2026-11-25")).build();
      app.send(event); // no CRM data yet
      app.advance(Duration.ofDays(3)); // Thursday: NEEDS_DATA, and the contract ended on Wednesday
      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.NEEDS_DATA);

      app.send(customer("C-1").setCustomerSince(LocalDate.parse("2015-03-01")).setTier(Tier.KEY_ACCOUNT)
          .setConsent(new Consent(true, true, true, true, true)).setAccountManager(manager()).build());

      assertThat(app.phone.isEmpty()).isTrue();
      assertThat(app.inPerson.isEmpty()).isTrue();
      assertThat(app.written.readValuesToList()).singleElement().satisfies(email -> {
        assertThat(email.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(email.getGoal()).isEqualTo(Goal.FEEDBACK);
        assertThat(ruleIds(email)).containsExactly("goal.feedback.contract-ended", "prefer.in-person.long-standing",
            "prefer.in-person.key-account", "prefer.written.contract-ended", "eligible.email", "due.written.at-once");
        assertThat(email.getMessage()).as("the feedback wording").doesNotContainIgnoringCase("zurück");
      });
      assertThat(caseState(event).getGoal()).isEqualTo(Goal.FEEDBACK);
    }
  }

  @Nested
  class Closing {

    @Test
    void aCloseAfterReachedCancelsTheReachedTask() {
      CancellationEvent event = cancels(customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE)
          .setConsent(new Consent(false, true, false, false, false)).build());
      OutreachTask call = app.phone.readValuesToList().get(0);
      outcome(event, call, Outcome.REACHED);
      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.OPEN);

      app.send(CancellationEvent.newBuilder(event).setEventId("evt-w").setType(CancellationType.WITHDRAWN).build());

      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
      assertThat(app.phone.readValuesToList()).singleElement().satisfies(cancel -> {
        assertThat(cancel.getTaskId()).isEqualTo(call.getTaskId());
        assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
      });
    }

    @Test
    void theResultOfAConversationIsRecordedOnTheReachedTask() {
      CancellationEvent event = cancels(customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE)
          .setConsent(new Consent(false, true, false, false, false)).build());
      OutreachTask call = app.phone.readValuesToList().get(0);
      outcome(event, call, Outcome.REACHED);

      outcome(event, call, Outcome.WON_BACK);

      assertThat(caseState(event).getStatus()).isEqualTo(CaseStatus.WON_BACK);
      assertThat(app.deadLetters.isEmpty()).isTrue();
    }
  }
}
