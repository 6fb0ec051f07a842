package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.Goal;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.TaskState;
import io.winback.events.Tier;
import io.winback.events.WinbackCase;
import io.winback.processor.Events;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule, timing and lifecycle transition of the processor, through the real topology, without a broker. */
class ChurnTopologyTest {

  /** Monday 23 November 2026, 10:00 in Berlin. */
  static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T09:00:00Z");

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  /** A customer with CRM data on file who then cancels; returns the cancellation. */
  CancellationEvent cancels(io.winback.events.CustomerRelationship customer) {
    app.send(customer);
    CancellationEvent event = cancellation(customer.getCustomerId(), app.now()).build();
    app.send(event);
    return event;
  }

  static String caseOf(CancellationEvent event) {
    return CaseIds.caseId(event.getEventId());
  }

  @Nested
  class OpeningACase {

    @Test
    void aCancellationWithConsentGetsOneWrittenTaskWithItsRationaleAndPolicyVersion() {
      CancellationEvent event = cancels(customer("C-1").build());

      List<OutreachTask> tasks = app.allTasks();
      assertThat(tasks).singleElement().satisfies(task -> {
        assertThat(task.getAction()).isEqualTo(TaskAction.CREATE);
        assertThat(task.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(task.getCaseId()).isEqualTo(caseOf(event));
        assertThat(task.getAttempt()).isEqualTo(1);
        assertThat(task.getSubject()).isEqualTo("Ihre Entscheidung – ein offenes Gespräch");
        assertThat(task.getMessage()).startsWith("Liebe Frau Schmidt,");
        assertThat(task.getContact().getEmail()).isEqualTo("anna.schmidt@example.org");
        assertThat(task.getContact().getPhone()).as("only what the channel needs").isNull();
        assertThat(task.getRationale()).isNotEmpty();
        assertThat(task.getPolicyVersion()).isEqualTo("2026-12.1");
        assertThat(task.getContext().getProduct()).isEqualTo("Glasfaser 250");
      });
      WinbackCase opened = app.latestCase(caseOf(event));
      assertThat(opened.getStatus()).isEqualTo(CaseStatus.OPEN);
      assertThat(opened.getGoal()).isEqualTo(Goal.FEEDBACK);
      assertThat(opened.getTasks()).singleElement().satisfies(t -> assertThat(t.getState()).isEqualTo(TaskState.PENDING));
      assertThat(app.caseUpdates()).last().isEqualTo(opened);
    }

    @Test
    void aRedeliveredCancellationOpensNoSecondCaseAndNoSecondTask() {
      CancellationEvent event = cancels(customer("C-1").build());
      app.send(event);
      app.send(event);

      assertThat(app.allTasks()).hasSize(1);
      assertThat(app.caseUpdates()).hasSize(1);
      assertThat(app.metrics.events).contains("duplicate-cancellation");
    }

    @Test
    void aLongStandingCustomerIsVisitedByTheAccountManager() {
      cancels(customer("C-1").setCustomerSince(LocalDate.parse("2015-03-01"))
          .setConsent(new Consent(true, true, true, false, true)).setAccountManager(Events.manager()).build());

      assertThat(app.inPerson.readValuesToList()).singleElement().satisfies(task -> {
        assertThat(task.getChannel()).isEqualTo(Channel.IN_PERSON);
        assertThat(task.getAssignee()).isEqualTo("am-7");
        assertThat(task.getGoal()).isEqualTo(Goal.WIN_BACK);
        assertThat(task.getDueAt()).isEqualTo(MONDAY_MORNING.plus(Duration.ofDays(7)));
      });
      assertThat(app.written.isEmpty()).isTrue();
    }

    @Test
    void aCustomerWhoRespondedWellToPersonalContactIsCalledWithinTwoBusinessDays() {
      cancels(customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE)
          .setConsent(new Consent(true, true, false, false, false)).build());

      assertThat(app.phone.readValuesToList()).singleElement().satisfies(task -> {
        assertThat(task.getChannel()).isEqualTo(Channel.PHONE);
        assertThat(task.getContact().getPhone()).isEqualTo("+4930123456");
        assertThat(task.getDueAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
      });
    }

    @Test
    void writtenOutreachIsNeverDueInTheCustomersQuietHours() {
      app.advance(Duration.ofHours(12)); // Monday 22:00 in Berlin
      cancels(customer("C-1").build());

      assertThat(app.written.readValuesToList()).singleElement().satisfies(task ->
          assertThat(task.getDueAt()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"))); // Tuesday 08:00 Berlin
    }

    @Test
    void aCustomerWhoAskedNotToBeContactedGetsNoTaskAtAll() {
      CancellationEvent event = cancels(customer("C-1").setDoNotContact(true).build());

      assertThat(app.allTasks()).isEmpty();
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
      assertThat(app.metrics.events).contains("case:SUPPRESSED");
    }

    @Test
    void withoutConsentForAnyChannelTheCaseIsSuppressedWithThatReason() {
      CancellationEvent event = cancels(customer("C-1").setConsent(new Consent(false, false, false, false, false)).build());

      WinbackCase suppressed = app.latestCase(caseOf(event));
      assertThat(app.allTasks()).isEmpty();
      assertThat(suppressed.getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
      assertThat(suppressed.getStatusReason()).contains("no channel");
    }
  }

  @Nested
  class WaitingForCrmData {

    @Test
    void aCancellationWaitsForTheRelationshipAndThenProceeds() {
      CancellationEvent event = cancellation("C-1", app.now()).build();
      app.send(event);
      assertThat(app.allTasks()).isEmpty();
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.OPEN);

      app.send(customer("C-1").build());

      assertThat(app.allTasks()).hasSize(1);
    }

    @Test
    void afterTheGracePeriodTheCaseNeedsDataAndStillProceedsWhenTheDataArrives() {
      CancellationEvent event = cancellation("C-1", app.now()).build();
      app.send(event);

      app.advance(Duration.ofMinutes(14));
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.OPEN);
      app.advance(Duration.ofMinutes(2));
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.NEEDS_DATA);
      assertThat(app.metrics.events).contains("needs-data");
      assertThat(app.allTasks()).as("nobody is contacted without consent data").isEmpty();

      app.send(customer("C-1").build());

      assertThat(app.allTasks()).hasSize(1);
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.OPEN);
    }
  }

  @Nested
  class Feedback {

    @Test
    void wonBackClosesTheCase() {
      assertClosesAs(Outcome.WON_BACK, CaseStatus.WON_BACK);
    }

    @Test
    void feedbackReceivedClosesAsFeedbackCollected() {
      assertClosesAs(Outcome.FEEDBACK_RECEIVED, CaseStatus.FEEDBACK_COLLECTED);
    }

    @Test
    void declinedClosesAsDeclined() {
      assertClosesAs(Outcome.DECLINED, CaseStatus.DECLINED);
    }

    @Test
    void doNotContactDeclinesAndSuppressesEveryLaterCase() {
      assertClosesAs(Outcome.DO_NOT_CONTACT, CaseStatus.DECLINED);

      CancellationEvent later = cancellation("C-1", app.now()).setContractId("K-2").build();
      app.send(later);

      assertThat(app.allTasks()).isEmpty();
      assertThat(app.latestCase(caseOf(later)).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    }

    private void assertClosesAs(Outcome outcome, CaseStatus status) {
      CancellationEvent event = cancels(customer("C-1").build());
      OutreachTask task = app.allTasks().get(0);

      app.send(feedback(caseOf(event), task.getTaskId(), "C-1", Channel.EMAIL, outcome, app.now()));

      WinbackCase closed = app.latestCase(caseOf(event));
      assertThat(closed.getStatus()).isEqualTo(status);
      assertThat(closed.getClosedAt()).isNotNull();
      assertThat(closed.getOutcomes()).singleElement().satisfies(o -> assertThat(o.getOutcome()).isEqualTo(outcome));
    }

    @Test
    void closingCancelsEveryOtherOpenTask() {
      CancellationEvent event = cancels(customer("C-1").build());
      app.allTasks();
      CancellationEvent withdrawal = CancellationEvent.newBuilder(event).setEventId("evt-w")
          .setType(CancellationType.WITHDRAWN).build();

      app.send(withdrawal);

      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
      assertThat(app.written.readValuesToList()).singleElement().satisfies(cancel -> {
        assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
        assertThat(cancel.getContact()).isNull();
      });
    }

    @Test
    void aMeetingScheduledAwaitsTheMeeting() {
      CancellationEvent event = cancels(customer("C-1").setCustomerSince(LocalDate.parse("2015-03-01"))
          .setConsent(new Consent(true, true, true, false, true)).setAccountManager(Events.manager()).build());
      OutreachTask visit = app.allTasks().get(0);

      app.send(feedback(caseOf(event), visit.getTaskId(), "C-1", Channel.IN_PERSON, Outcome.MEETING_SCHEDULED,
          app.now()));

      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.AWAITING_MEETING);
    }

    @Test
    void aRepeatedFeedbackIdIsAppliedOnce() {
      CancellationEvent event = cancels(customer("C-1").build());
      OutreachTask task = app.allTasks().get(0);
      var sent = feedback(caseOf(event), task.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now());
      app.caseUpdates();

      app.send(sent);
      app.send(sent);

      assertThat(app.caseUpdates()).hasSize(1);
      assertThat(app.latestCase(caseOf(event)).getOutcomes()).hasSize(1);
      assertThat(app.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void feedbackForAnUnknownCaseIsDeadLetteredWithTheReason() {
      app.send(feedback("case-nope", "task-nope", "C-1", Channel.EMAIL, Outcome.WON_BACK, app.now()));

      var dead = app.deadLetters.readRecord();
      assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.FEEDBACK.name());
      assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("no case case-nope");
    }

    @Test
    void feedbackForATaskTheCaseDoesNotHaveIsDeadLetteredAndChangesNothing() {
      CancellationEvent event = cancels(customer("C-1").build());
      app.allTasks();
      var before = app.caseFile(caseOf(event));
      app.caseUpdates();

      app.send(feedback(caseOf(event), "task-of-another-case", "C-1", Channel.EMAIL, Outcome.WON_BACK, app.now()));

      assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
          .isEqualTo("task task-of-another-case is not part of case " + caseOf(event));
      assertThat(app.caseFile(caseOf(event))).isEqualTo(before);
      assertThat(app.caseUpdates()).isEmpty();
    }

    @Test
    void feedbackForAClosedCaseIsDeadLettered() {
      CancellationEvent event = cancels(customer("C-1").build());
      OutreachTask task = app.allTasks().get(0);
      app.send(feedback(caseOf(event), task.getTaskId(), "C-1", Channel.EMAIL, Outcome.DECLINED, app.now()));

      app.send(feedback(caseOf(event), task.getTaskId(), "C-1", Channel.EMAIL, Outcome.WON_BACK, app.now()));

      assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
          .isEqualTo("outcome WON_BACK for a task in state DONE; case " + caseOf(event) + " is closed (DECLINED)");
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.DECLINED);
    }
  }

  @Nested
  class FollowUps {

    @Test
    void noAnswerToAnEmailWithinSevenDaysBringsOneFollowUpOnThePhone() {
      CancellationEvent event = cancels(customer("C-1").setConsent(new Consent(true, true, false, false, false)).build());
      OutreachTask email = app.allTasks().get(0);
      app.send(feedback(caseOf(event), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now()));

      app.advance(Duration.ofDays(6));
      assertThat(app.allTasks()).isEmpty();
      app.advance(Duration.ofDays(1).plusSeconds(2));

      assertThat(app.phone.readValuesToList()).singleElement().satisfies(call -> {
        assertThat(call.getAttempt()).isEqualTo(2);
        assertThat(call.getChannel()).isEqualTo(Channel.PHONE);
      });
    }

    @Test
    void withoutAnotherEligibleChannelTheCaseClosesAsNoResponse() {
      CancellationEvent event = cancels(customer("C-1").build());
      OutreachTask email = app.allTasks().get(0);
      app.send(feedback(caseOf(event), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now()));

      app.advance(Duration.ofDays(7).plusSeconds(2));

      assertThat(app.allTasks()).as("no new outreach; the unanswered email is cancelled").singleElement()
          .satisfies(cancel -> {
            assertThat(cancel.getTaskId()).isEqualTo(email.getTaskId());
            assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
          });
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.NO_RESPONSE);
    }

    @Test
    void anAnswerBeforeTheTimeoutStopsTheFollowUp() {
      CancellationEvent event = cancels(customer("C-1").setConsent(new Consent(true, true, false, false, false)).build());
      OutreachTask email = app.allTasks().get(0);
      app.send(feedback(caseOf(event), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT, app.now()));
      app.advance(Duration.ofDays(2));
      app.send(feedback(caseOf(event), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.FEEDBACK_RECEIVED, app.now()));

      app.advance(Duration.ofDays(6));

      assertThat(app.allTasks()).isEmpty();
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.FEEDBACK_COLLECTED);
    }

    @Test
    void aFailedEmailMovesToTheNextWrittenChannel() {
      CancellationEvent event = cancels(customer("C-1").build());
      OutreachTask email = app.allTasks().get(0);

      app.send(feedback(caseOf(event), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.DELIVERY_FAILED, app.now()));

      assertThat(app.written.readValuesToList()).singleElement().satisfies(letter -> {
        assertThat(letter.getChannel()).isEqualTo(Channel.LETTER);
        assertThat(letter.getAttempt()).isEqualTo(1);
        assertThat(letter.getContact().getPostalAddress().getCity()).isEqualTo("Berlin");
      });
    }

    @Test
    void notReachedCountsAsAnAttemptAndAfterTwoTheCaseHasNoResponse() {
      CancellationEvent event = cancels(customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE)
          .setConsent(new Consent(false, true, false, false, false)).build());
      OutreachTask first = app.allTasks().get(0);

      app.send(feedback(caseOf(event), first.getTaskId(), "C-1", Channel.PHONE, Outcome.NOT_REACHED, app.now()));
      OutreachTask second = app.phone.readValuesToList().get(0);
      app.send(feedback(caseOf(event), second.getTaskId(), "C-1", Channel.PHONE, Outcome.NOT_REACHED, app.now()));

      assertThat(second.getAttempt()).isEqualTo(2);
      assertThat(app.allTasks()).isEmpty();
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.NO_RESPONSE);
    }
  }

  @Nested
  class BadInput {

    @Test
    void undecodableBytesGoToTheDeadLetterTopicAndProcessingGoesOn() {
      app.rawCancellations.pipeInput(new TestRecord<>("C-9".getBytes(StandardCharsets.UTF_8),
          "not avro".getBytes(StandardCharsets.UTF_8)));
      cancels(customer("C-1").build());

      var dead = app.deadLetters.readRecord();
      assertThat(new String(app.openedValue(dead), StandardCharsets.UTF_8)).as("sealed with C-9's key")
          .isEqualTo("not avro");
      assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("C-9");
      assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.CANCELLATIONS.name());
      assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CLASS)).endsWith("UndecodableRecordException");
      assertThat(header(dead.headers(), DeadLetterHeaders.FAILED_AT)).isNotBlank();
      assertThat(app.allTasks()).hasSize(1);
    }

    @Test
    void aBlankCustomerIdIsInvalid() {
      CancellationEvent blank = cancellation("", app.now()).build();
      app.cancellations.pipeInput(new TestRecord<>("", blank, app.now()));

      assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
          .contains("customerId is blank");
      assertThat(app.caseUpdates()).isEmpty();
    }

    @Test
    void aContractThatEndsBeforeItWasCancelledIsInvalid() {
      app.send(cancellation("C-1", app.now()).setEffectiveAt(LocalDate.parse("2026-01-01")).build());

      assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
          .contains("effectiveAt 2026-01-01 is before occurredAt");
      assertThat(app.metrics.events).anyMatch(e -> e.startsWith("dlq:" + Topics.CANCELLATIONS.name()));
    }

    @Test
    void aKeyThatDoesNotMatchTheCustomerIsInvalid() {
      app.cancellations.pipeInput(new TestRecord<>("C-other", cancellation("C-1", app.now()).build(), app.now()));

      assertThat(header(app.deadLetters.readRecord().headers(), DeadLetterHeaders.ERROR_MESSAGE))
          .contains("does not match customerId");
    }
  }

  @Nested
  class Erasure {

    @Test
    void aCrmTombstoneRemovesPersonalDataButKeepsTheCase() {
      CancellationEvent event = cancels(customer("C-1").build());

      app.erase("C-1");

      assertThat(app.driver.<String, Object>getKeyValueStore(StoreNames.RELATIONSHIPS).get("C-1")).isNull();
      CancellationEvent kept = app.caseFile(caseOf(event)).cancellation();
      assertThat(kept.getReasonText()).isNull();
      assertThat(kept.getEventId()).isEqualTo(event.getEventId());
      assertThat(app.latestCase(caseOf(event)).getStatus()).isEqualTo(CaseStatus.OPEN);
    }
  }

  @Test
  void premiumCustomersAreWonBack() {
    CancellationEvent event = cancels(customer("C-1").setTier(Tier.PREMIUM).build());

    assertThat(app.latestCase(caseOf(event)).getGoal()).isEqualTo(Goal.WIN_BACK);
  }

  static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
