package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CaseStatus;
import io.winback.events.Cohort;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.policy.Holdout;
import io.winback.policy.PolicySettings;
import io.winback.processor.cases.CaseIds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The holdout group (winback.policy.holdout-percent) through the real topology: no outreach at all for its
 * customers, the case OPEN with cohort HOLDOUT and the reason, closed WITHDRAWN on a withdrawal or NO_RESPONSE
 * (shown as NOT_RETURNED) at the contract end; consent and do-not-contact apply as for everyone.
 */
class HoldoutGroupTest {

  static final PolicySettings THIRTY_PERCENT = PolicySettings.defaults().withHoldoutPercent(30);
  static final String HOLDOUT_REASON = "holdout group: no outreach, to measure uplift (winback.policy.holdout-percent=30)";

  TopologyHarness app = harness();

  static TopologyHarness harness() {
    return new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING, TopologyHarness.lifecycle(THIRTY_PERCENT),
        TopologyHarness.TIMER_RETRY);
  }

  @AfterEach
  void close() {
    app.close();
  }

  /** Customers C-0 .. C-(n-1) cancel, with their CRM data; their case ids by customer. */
  private static Map<String, String> thousandCancel(TopologyHarness on, int n) {
    Map<String, String> cases = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String customerId = "C-" + i;
      on.send(customer(customerId).build());
      CancellationEvent event = cancellation(customerId, on.now()).setEventId("evt-" + i).build();
      on.send(event);
      cases.put(customerId, CaseIds.caseId(event.getEventId()));
    }
    return cases;
  }

  private static String aHoldoutCustomer() {
    return IntStream.range(0, 1_000).mapToObj(i -> "C-" + i).filter(c -> Holdout.isHoldout(c, 30)).findFirst()
        .orElseThrow();
  }

  @Test
  void withThirtyPercentAbout300OfAThousandAreHoldoutAndNoneOfThemGetsATask() {
    Map<String, String> cases = thousandCancel(app, 1_000);

    List<WinbackCase> all = cases.values().stream().map(app::latestCase).toList();
    List<WinbackCase> holdout = all.stream().filter(c -> c.getCohort() == Cohort.HOLDOUT).toList();
    assertThat((long) holdout.size()).isBetween(270L, 330L);
    assertThat(holdout).allSatisfy(c -> {
      assertThat(c.getStatus()).isEqualTo(CaseStatus.OPEN);
      assertThat(c.getStatusReason()).isEqualTo(HOLDOUT_REASON);
      assertThat(c.getTasks()).isEmpty();
      assertThat(c.getGoal()).as("the goal the case would have had, for the reports").isNotNull();
    });
    Set<String> holdoutCustomers = holdout.stream().map(WinbackCase::getCustomerId).collect(Collectors.toSet());
    List<OutreachTask> tasks = app.allTasks();
    assertThat(tasks).as("no task for any holdout customer").noneMatch(t -> holdoutCustomers.contains(t.getCustomerId()));
    assertThat(tasks).hasSize(1_000 - holdout.size());
    assertThat(app.metrics.events.stream().filter("opened:HOLDOUT"::equals).count()).isEqualTo(holdout.size());
    assertThat(app.metrics.events.stream().filter("opened:TREATED"::equals).count()).isEqualTo(1_000 - holdout.size());
  }

  @Test
  void twoInstancesWithTheSameSettingsPutEveryCustomerInTheSameGroup() {
    Map<String, Cohort> first = cohorts(thousandCancel(app, 300), app);
    try (TopologyHarness other = harness()) {
      Map<String, Cohort> second = cohorts(thousandCancel(other, 300), other);

      assertThat(second).isEqualTo(first);
      assertThat(first).containsValue(Cohort.HOLDOUT).containsValue(Cohort.TREATED);
    }
  }

  private static Map<String, Cohort> cohorts(Map<String, String> cases, TopologyHarness on) {
    Map<String, Cohort> cohorts = new LinkedHashMap<>();
    cases.forEach((customerId, caseId) -> cohorts.put(customerId, on.latestCase(caseId).getCohort()));
    return cohorts;
  }

  @Test
  void aSecondCancellationOfTheSameCustomerLandsInTheSameGroup() {
    String customerId = aHoldoutCustomer();
    app.send(customer(customerId).build());
    CancellationEvent first = cancellation(customerId, app.now()).build();
    CancellationEvent second = cancellation(customerId, app.now()).setContractId("K-second").build();
    app.send(first);
    app.send(second);

    assertThat(app.latestCase(CaseIds.caseId(first.getEventId())).getCohort()).isEqualTo(Cohort.HOLDOUT);
    assertThat(app.latestCase(CaseIds.caseId(second.getEventId())).getCohort()).isEqualTo(Cohort.HOLDOUT);
    assertThat(app.allTasks()).isEmpty();
  }

  @Test
  void aWithdrawalClosesAHoldoutCaseWithdrawn() {
    String customerId = aHoldoutCustomer();
    app.send(customer(customerId).build());
    CancellationEvent event = cancellation(customerId, app.now()).build();
    app.send(event);

    app.send(CancellationEvent.newBuilder(event).setEventId(event.getEventId() + "-w")
        .setType(CancellationType.WITHDRAWN).build());

    WinbackCase closed = app.latestCase(CaseIds.caseId(event.getEventId()));
    assertThat(closed.getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
    assertThat(closed.getCohort()).isEqualTo(Cohort.HOLDOUT);
    assertThat(app.allTasks()).isEmpty();
  }

  @Test
  void atTheContractEndAHoldoutCaseClosesNotReturned() {
    String customerId = aHoldoutCustomer();
    app.send(customer(customerId).build());
    CancellationEvent event = cancellation(customerId, app.now()).build(); // ends 2027-01-31
    app.send(event);
    String caseId = CaseIds.caseId(event.getEventId());

    app.advance(Duration.ofDays(68)); // 30 January 2027
    assertThat(app.latestCase(caseId).getStatus()).isEqualTo(CaseStatus.OPEN);

    app.advance(Duration.ofDays(2));

    WinbackCase closed = app.latestCase(caseId);
    assertThat(closed.getStatus()).isEqualTo(CaseStatus.NO_RESPONSE);
    assertThat(closed.getStatusReason()).isEqualTo("holdout: not returned by the contract end");
    assertThat(closed.getClosedAt()).isNotNull();
    assertThat(app.allTasks()).isEmpty();
  }

  @Test
  void aDoNotContactInTheCrmSuppressesAHoldoutCaseAsAnyOther() {
    String customerId = aHoldoutCustomer();
    app.send(customer(customerId).setDoNotContact(true).build());
    CancellationEvent event = cancellation(customerId, app.now()).build();

    app.send(event);

    WinbackCase suppressed = app.latestCase(CaseIds.caseId(event.getEventId()));
    assertThat(suppressed.getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    assertThat(suppressed.getCohort()).isEqualTo(Cohort.HOLDOUT);
  }

  @Test
  void withoutCrmDataAHoldoutCaseNeedsNoDataAndGetsItsGoalWhenTheDataArrives() {
    String customerId = aHoldoutCustomer();
    CancellationEvent event = cancellation(customerId, app.now()).build();
    app.send(event);
    String caseId = CaseIds.caseId(event.getEventId());

    app.advance(TopologyHarness.DATA_GRACE.plusMinutes(1));
    assertThat(app.latestCase(caseId).getStatus()).as("no NEEDS_DATA: nobody is to be contacted")
        .isEqualTo(CaseStatus.OPEN);
    assertThat(app.latestCase(caseId).getStatusReason()).isEqualTo(HOLDOUT_REASON);

    app.send(customer(customerId).build());

    assertThat(app.latestCase(caseId).getGoal()).isNotNull();
    assertThat(app.latestCase(caseId).getStatus()).isEqualTo(CaseStatus.OPEN);
    assertThat(app.allTasks()).isEmpty();
  }

  @Test
  void byDefaultNobodyIsInTheHoldoutGroup() {
    app.close();
    app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING);
    Map<String, String> cases = thousandCancel(app, 100);

    assertThat(cases.values()).allSatisfy(caseId -> assertThat(app.latestCase(caseId).getCohort())
        .isEqualTo(Cohort.TREATED));
    assertThat(app.allTasks()).hasSize(100);
  }
}
