package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.choice;
import static io.winback.processor.Events.customer;
import static io.winback.processor.Events.feedback;
import static io.winback.processor.Events.manager;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.CustomerChoice;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.RationaleEntry;
import io.winback.events.TaskAction;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.policy.PolicySettings;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.rules.CustomerChoices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * "Der Kunde entscheidet den Weg": what the customer chooses on the desk's preference page, through the
 * real topology. No further contact is a do-not-contact of the customer; a wish for a call or a visit is
 * honoured at once within consent; writing only keeps every later attempt written; and the customer's
 * own click is never a dead letter.
 */
class CustomerChoiceTest {

  /** Email, phone and letter with consent, an account manager and consent to visits. */
  static final CustomerRelationship OPEN_TO_ALL = customer("C-1").setConsent(new Consent(true, true, true, false, true))
      .setAccountManager(manager()).build();
  /** Email and letter only. */
  static final CustomerRelationship WRITTEN_ONLY = customer("C-1").setConsent(new Consent(true, false, true, false, false))
      .build();

  TopologyHarness app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING);
  CancellationEvent event;
  OutreachTask email;

  @AfterEach
  void close() {
    app.close();
  }

  private String caseId() {
    return CaseIds.caseId(event.getEventId());
  }

  /** The customer cancelled and got an email, which went out. */
  private void emailSent(CustomerRelationship customer) {
    app.send(customer);
    event = cancellation(customer.getCustomerId(), app.now()).build();
    app.send(event);
    email = app.written.readValuesToList().get(0);
    assertThat(email.getChannel()).isEqualTo(Channel.EMAIL);
    app.send(feedback(caseId(), email.getTaskId(), customer.getCustomerId(), Channel.EMAIL, Outcome.SENT, app.now()));
    app.advance(Duration.ofMinutes(5));
  }

  private void chooses(CustomerChoice chosen) {
    app.send(choice(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, chosen, app.now()));
  }

  private WinbackCase theCase() {
    return app.latestCase(caseId());
  }

  private CaseTask task(String taskId) {
    return theCase().getTasks().stream().filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
  }

  private static List<String> ruleIds(OutreachTask task) {
    return task.getRationale().stream().map(RationaleEntry::getRuleId).toList();
  }

  private void noDeadLetter() {
    assertThat(app.deadLetters.isEmpty()).as("the customer's own click is never bad input").isTrue();
  }

  @Nested
  class NoFurtherContact {

    @Test
    void closesTheCaseAndSuppressesEveryLaterCaseOfTheCustomer() {
      emailSent(WRITTEN_ONLY);

      chooses(CustomerChoice.NO_CONTACT);

      noDeadLetter();
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.DECLINED);
      assertThat(theCase().getCustomerChoice()).isEqualTo(CustomerChoice.NO_CONTACT);
      assertThat(task(email.getTaskId()).getState()).isEqualTo(TaskState.DONE);
      assertThat(app.driver.getKeyValueStore(StoreNames.DO_NOT_CONTACT).get("C-1")).isNotNull();
      assertThat(app.metrics.events).contains("choice:NO_CONTACT");

      app.advance(Duration.ofDays(30));
      CancellationEvent again = cancellation("C-1", app.now()).setContractId("K-other").build();
      app.send(again);

      assertThat(app.allTasks()).as("nobody contacts the customer again").isEmpty();
      assertThat(app.latestCase(CaseIds.caseId(again.getEventId())).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    }

    @Test
    void cancelsAFollowUpCallAlreadyPlanned() {
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());
      app.advance(Duration.ofDays(7).plusMinutes(1));
      OutreachTask call = app.phone.readValuesToList().get(0);
      assertThat(call.getAction()).isEqualTo(TaskAction.CREATE);

      chooses(CustomerChoice.NO_CONTACT);

      assertThat(app.phone.readValuesToList()).singleElement().satisfies(cancel -> {
        assertThat(cancel.getTaskId()).isEqualTo(call.getTaskId());
        assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
      });
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.DECLINED);
    }

    @Test
    void isTheCustomersNotOneCasesAnotherOpenCaseClosesToo() {
      emailSent(WRITTEN_ONLY);
      CancellationEvent second = cancellation("C-1", app.now()).setContractId("K-second").build();
      app.send(second);
      OutreachTask secondEmail = app.written.readValuesToList().get(0);

      chooses(CustomerChoice.NO_CONTACT);

      assertThat(app.written.readValuesToList()).singleElement().satisfies(cancel -> {
        assertThat(cancel.getTaskId()).isEqualTo(secondEmail.getTaskId());
        assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
      });
      WinbackCase other = app.latestCase(CaseIds.caseId(second.getEventId()));
      assertThat(other.getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
      assertThat(other.getStatusReason()).isEqualTo("the customer asked not to be contacted again (in another case)");
    }

    @Test
    void onACaseClosedLongAgoStillSuppressesTheCustomerAndIsNoDeadLetter() {
      emailSent(WRITTEN_ONLY);
      app.send(CancellationEvent.newBuilder(event).setEventId(event.getEventId() + "-w")
          .setType(CancellationType.WITHDRAWN).build());
      app.advance(Duration.ofDays(90));
      app.allTasks();

      chooses(CustomerChoice.NO_CONTACT);

      noDeadLetter();
      assertThat(theCase().getStatus()).as("a closed case stays as it closed").isEqualTo(CaseStatus.WITHDRAWN);
      assertThat(theCase().getOutcomes()).extracting(e -> e.getOutcome()).endsWith(Outcome.DO_NOT_CONTACT);
      assertThat(app.metrics.events).contains("customer-input-recorded-only", "choice:NO_CONTACT");
      CancellationEvent again = cancellation("C-1", app.now()).setContractId("K-other")
          .setEffectiveAt(java.time.LocalDate.parse("2027-12-31")).build();
      app.send(again);
      assertThat(app.allTasks()).isEmpty();
      assertThat(app.latestCase(CaseIds.caseId(again.getEventId())).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    }
  }

  @Nested
  class ACallOrAVisit {

    @Test
    void aWishForACallFinishesTheEmailAndACallFollowsAtOnceSayingWhy() {
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());

      chooses(CustomerChoice.PHONE);

      noDeadLetter();
      assertThat(app.phone.readValuesToList()).singleElement().satisfies(call -> {
        assertThat(call.getAction()).isEqualTo(TaskAction.CREATE);
        assertThat(call.getRationale().get(0).getReason()).isEqualTo("the customer asked for a call");
        assertThat(ruleIds(call)).startsWith("customer-wish.phone").contains("eligible.phone");
        assertThat(call.getAttempt()).as("the wish costs no attempt").isEqualTo(email.getAttempt());
      });
      assertThat(task(email.getTaskId()).getState()).isEqualTo(TaskState.DONE);
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.OPEN);
      assertThat(theCase().getCustomerChoice()).isEqualTo(CustomerChoice.PHONE);
      assertThat(app.metrics.events).contains("choice:PHONE");
    }

    @Test
    void aWishToTalkInPersonGoesToTheAccountManager() {
      emailSent(OPEN_TO_ALL);

      chooses(CustomerChoice.IN_PERSON);

      assertThat(app.inPerson.readValuesToList()).singleElement().satisfies(visit -> {
        assertThat(visit.getAssignee()).isEqualTo(manager().getId());
        assertThat(visit.getRationale().get(0).getReason()).isEqualTo("the customer asked to talk in person");
      });
    }

    @Test
    void withoutPhoneConsentNoCallIsMadeAndTheCaseContinuesInWriting() {
      emailSent(WRITTEN_ONLY);

      chooses(CustomerChoice.PHONE);

      noDeadLetter();
      assertThat(app.allTasks()).as("no call without consent").isEmpty();
      assertThat(task(email.getTaskId()).getState()).isEqualTo(TaskState.SENT);
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.OPEN);
      assertThat(theCase().getStatusReason()).isEqualTo("the customer asked for a call, which cannot be honoured:"
          + " no consent for phone calls; the case continues in writing");
    }

    @Test
    void aWishIsNotRefusedForLackOfAttempts() {
      app.close();
      PolicySettings d = PolicySettings.defaults();
      app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING, TopologyHarness.lifecycle(new PolicySettings(
          d.version(), d.longStandingYears(), d.winBackRevenueThreshold(), d.noAnswerTimeout(), 1,
          d.quietHoursStart(), d.quietHoursEnd(), d.phoneBusinessDays(), d.inPersonDays())), TopologyHarness.TIMER_RETRY);
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());

      chooses(CustomerChoice.PHONE);

      assertThat(app.phone.readValuesToList()).as("one attempt allowed, and it was the email").hasSize(1);
    }

    @Test
    void theCustomersFreeTextAfterTheWishIsRecordedAndTheCallStays() {
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());
      chooses(CustomerChoice.PHONE);
      app.allTasks();

      app.send(OutreachFeedback.newBuilder(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL,
          Outcome.FEEDBACK_RECEIVED, app.now())).setRecordedBy(CustomerChoices.RECORDED_BY).build());

      noDeadLetter();
      assertThat(app.allTasks()).as("the call the customer asked for is not cancelled").isEmpty();
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.OPEN);
      assertThat(theCase().getOutcomes()).extracting(e -> e.getOutcome()).endsWith(Outcome.FEEDBACK_RECEIVED);
    }

    @Test
    void aSecondClickMakesNoSecondCall() {
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());
      OutreachFeedback click = choice(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, CustomerChoice.PHONE, app.now());
      app.send(click);
      app.send(click);
      chooses(CustomerChoice.PHONE);

      assertThat(app.phone.readValuesToList()).hasSize(1);
      noDeadLetter();
    }

    @Test
    void aWishOnAClosedCaseIsRecordedAndHasNoEffect() {
      emailSent(OPEN_TO_ALL);
      app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.DECLINED, app.now()));
      app.allTasks();

      chooses(CustomerChoice.IN_PERSON);

      noDeadLetter();
      assertThat(app.allTasks()).isEmpty();
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.DECLINED);
      assertThat(theCase().getCustomerChoice()).isEqualTo(CustomerChoice.IN_PERSON);
      assertThat(app.metrics.events).contains("customer-input-recorded-only");
    }
  }

  @Nested
  class OnlyInWriting {

    @Test
    void cancelsAPlannedCallAndKeepsTheConversationInWriting() {
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());
      app.advance(Duration.ofDays(7).plusMinutes(1));
      OutreachTask call = app.phone.readValuesToList().get(0);

      chooses(CustomerChoice.WRITTEN_ONLY);

      assertThat(app.phone.readValuesToList()).singleElement().satisfies(cancel -> {
        assertThat(cancel.getTaskId()).isEqualTo(call.getTaskId());
        assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
      });
      assertThat(task(email.getTaskId()).getState()).isEqualTo(TaskState.SENT);
      assertThat(theCase().getStatus()).isEqualTo(CaseStatus.OPEN);
      assertThat(theCase().getCustomerChoice()).isEqualTo(CustomerChoice.WRITTEN_ONLY);
    }

    @Test
    void aLaterAttemptIsWrittenAndSaysSo() {
      emailSent(OPEN_TO_ALL.newBuilder(OPEN_TO_ALL).setAccountManager(null)
          .setConsent(new Consent(true, true, true, false, false)).build());
      chooses(CustomerChoice.WRITTEN_ONLY);

      // The email bounces after all: the next attempt is written, never a call.
      app.send(feedback(caseId(), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.DELIVERY_FAILED, app.now()));

      assertThat(app.phone.isEmpty()).isTrue();
      assertThat(app.written.readValuesToList()).singleElement().satisfies(letter -> {
        assertThat(letter.getChannel()).isEqualTo(Channel.LETTER);
        assertThat(ruleIds(letter)).contains("customer-wish.written-only");
      });
    }
  }
}
