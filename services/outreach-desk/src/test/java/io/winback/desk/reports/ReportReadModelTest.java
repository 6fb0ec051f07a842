package io.winback.desk.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.desk.DeskProperties;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.web.TestTasks;
import io.winback.events.AccountManager;
import io.winback.events.CancellationReason;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerChoice;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.Outcome;
import io.winback.events.OutcomeEntry;
import io.winback.events.OutreachTask;
import io.winback.events.Salutation;
import io.winback.events.TaskState;
import io.winback.events.Tier;
import io.winback.events.WinbackCase;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reports' read model and its SQL on the desk's real schema (PostgreSQL, Flyway's migrations):
 * a known set of case and task records gives known figures, every figure's case list holds exactly
 * the cases it counts, and the same records read again (a redelivery, the other replica) or an
 * older case record change nothing.
 */
@SpringBootTest(classes = ReportReadModelTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "management.endpoint.health.group.readiness.include=readinessState,db")
class ReportReadModelTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Mid-November 2026 in Berlin: the month report is November's. */
  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static final TestDatabase DB = PostgresTestServer.get().newDatabase("desk_reports");

  @Configuration
  @EnableAutoConfiguration(exclude = {KafkaAutoConfiguration.class, KafkaMetricsAutoConfiguration.class,
      MailSenderAutoConfiguration.class, MailSenderValidatorAutoConfiguration.class,
      MailHealthContributorAutoConfiguration.class})
  @EnableConfigurationProperties(DeskProperties.class)
  @Import({ReportReadModel.class, ReportQueries.class, Reports.class, ReportMetrics.class, CustomerRepository.class})
  static class Slice {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Autowired
  ReportReadModel model;

  @Autowired
  Reports reports;

  @Autowired
  ReportMetrics metrics;

  @Autowired
  CustomerRepository customers;

  @Autowired
  MeterRegistry meters;

  @Autowired
  JdbcClient db;

  /** What the topics carried, in the order the desk read them. */
  private final List<WinbackCase> caseRecords = new ArrayList<>();
  private final List<OutreachTask> taskRecords = new ArrayList<>();

  @BeforeEach
  void empty() {
    db.sql("TRUNCATE report_case, report_task, report_outcome, customer").update();
  }

  // ---- November: one case of each kind ------------------------------------------------------

  /** Opened on 2 November 2026, 10:00 in Berlin, plus {@code hours}. */
  static Instant at(double hours) {
    return Instant.parse("2026-11-02T09:00:00Z").plusSeconds((long) (hours * 3600));
  }

  private void november() {
    // A CRM record: the tier and account manager of a customer whose task the desk never saw.
    customers.save(relationship("C-2", Tier.STANDARD, "am-7"), NOW);
    won("c1", "C-1");
    treated("c2", "C-2", Goal.FEEDBACK, CaseStatus.FEEDBACK_COLLECTED, 25, CustomerChoice.WRITTEN_ONLY,
        task("c2", Channel.EMAIL), outcome("c2", Outcome.SENT, null, 1),
        outcome("c2", Outcome.FEEDBACK_RECEIVED, CancellationReason.COMPETITOR, 25));
    emailTask("c3", "C-3");
    treated("c3", "C-3", Goal.WIN_BACK, CaseStatus.NO_RESPONSE, 100, null, task("c3", Channel.EMAIL),
        outcome("c3", Outcome.SENT, null, 3));
    record(base("c4", "C-4").setStatus(CaseStatus.SUPPRESSED).setStatusReason("no channel with consent")
        .setGoal(Goal.WIN_BACK).setClosedAt(at(0)).setUpdatedAt(at(0)).build());
    phoneTask("c5", "C-5", Tier.PREMIUM, CancellationReason.SERVICE);
    treated("c5", "C-5", Goal.WIN_BACK, CaseStatus.DECLINED, 10, CustomerChoice.NO_CONTACT, task("c5", Channel.PHONE),
        outcome("c5", Outcome.DO_NOT_CONTACT, null, 10));
    emailTask("c6", "C-6");
    record(base("c6", "C-6").setStatus(CaseStatus.OPEN).setGoal(Goal.WIN_BACK).setTasks(List.of(task("c6",
        Channel.EMAIL))).build());
    phoneTask("c7", "C-7", Tier.STANDARD, CancellationReason.PRICE);
    treated("c7", "C-7", Goal.WIN_BACK, CaseStatus.WITHDRAWN, 50, null, task("c7", Channel.PHONE),
        outcome("c7", Outcome.NOT_REACHED, null, 4));
    record(base("h1", "C-h1").setCohort(Cohort.HOLDOUT).setStatus(CaseStatus.OPEN).setGoal(Goal.WIN_BACK).build());
    record(base("h2", "C-h2").setCohort(Cohort.HOLDOUT).setStatus(CaseStatus.WITHDRAWN).setGoal(Goal.WIN_BACK)
        .setClosedAt(at(30)).setUpdatedAt(at(30)).build());
    record(base("h3", "C-h3").setCohort(Cohort.HOLDOUT).setStatus(CaseStatus.NO_RESPONSE).setGoal(Goal.FEEDBACK)
        .setClosedAt(at(60)).setUpdatedAt(at(60)).build());
    // October: another month.
    record(WinbackCase.newBuilder(base("old", "C-old").build()).setOpenedAt(Instant.parse("2026-10-31T22:59:00Z"))
        .setStatus(CaseStatus.WON_BACK).setClosedAt(at(1)).setUpdatedAt(at(1)).build());
  }

  /** c1: a phone task that reached the customer, then won them back; the case record in three versions. */
  private void won(String caseId, String customerId) {
    phoneTask(caseId, customerId, Tier.PREMIUM, CancellationReason.PRICE);
    CaseTask pending = task(caseId, Channel.PHONE);
    record(base(caseId, customerId).setStatus(CaseStatus.OPEN).setGoal(Goal.WIN_BACK).setTasks(List.of(pending))
        .setUpdatedAt(at(0.5)).build());
    OutcomeEntry reached = outcome(caseId, Outcome.REACHED, null, 2);
    record(base(caseId, customerId).setStatus(CaseStatus.OPEN).setGoal(Goal.WIN_BACK)
        .setTasks(List.of(withState(pending, TaskState.SENT))).setOutcomes(List.of(reached)).setUpdatedAt(at(2)).build());
    record(base(caseId, customerId).setStatus(CaseStatus.WON_BACK).setGoal(Goal.WIN_BACK)
        .setTasks(List.of(withState(pending, TaskState.DONE)))
        .setOutcomes(List.of(reached, outcome(caseId, Outcome.WON_BACK, CancellationReason.PRICE, 5)))
        .setClosedAt(at(5)).setUpdatedAt(at(5)).build());
  }

  @Test
  void theFiguresOfAKnownSetOfEvents() {
    november();
    Report report = reports.report(month());

    assertThat(report.period()).isEqualTo(new Report.Period("month", LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-30"), "Europe/Berlin"));
    Report.Funnel f = report.funnel();
    assertThat(f.cancellations()).isEqualTo(10);
    assertThat(f.holdout()).isEqualTo(3);
    assertThat(f.cases()).isEqualTo(7);
    assertThat(f.contacted()).isEqualTo(5); // c1 reached, c2 and c3 sent, c5 said no, c7 tried
    assertThat(f.contactedByChannel()).containsEntry("PHONE", 3L).containsEntry("EMAIL", 2L)
        .containsEntry("LETTER", 0L);
    assertThat(f.reached()).isEqualTo(3); // c1, c2 (feedback), c5 (a no is an answer)
    assertThat(List.of(f.feedbackCollected(), f.wonBack(), f.declined(), f.noResponse(), f.suppressed(), f.withdrawn(),
        f.open())).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L);
    assertThat(f.suppressedByReason()).containsExactly(Map.entry("no channel with consent", 1L));

    assertThat(report.rates().byChannel()).containsExactly(
        new Report.Group("EMAIL", 3, 0, 1, 0.0, 1.0 / 3), new Report.Group("PHONE", 3, 1, 0, 1.0 / 3, 0.0),
        new Report.Group("none", 1, 0, 0, 0.0, 0.0));
    assertThat(report.rates().byGoal()).extracting(Report.Group::value, Report.Group::cases)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FEEDBACK", 1L),
            org.assertj.core.groups.Tuple.tuple("WIN_BACK", 6L));
    // c1 and c5 PREMIUM from their tasks, c7 STANDARD from its task, c2 STANDARD from the CRM copy.
    assertThat(report.rates().byTier()).extracting(Report.Group::value, Report.Group::cases)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PREMIUM", 2L),
            org.assertj.core.groups.Tuple.tuple("STANDARD", 4L), org.assertj.core.groups.Tuple.tuple("none", 1L));
    assertThat(report.rates().byReason()).extracting(Report.Group::value, Report.Group::cases)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PRICE", 4L),
            org.assertj.core.groups.Tuple.tuple("SERVICE", 1L), org.assertj.core.groups.Tuple.tuple("none", 2L));

    // All seven opened on Monday 2 November.
    assertThat(report.weekly()).containsExactly(new Report.Week(LocalDate.parse("2026-11-02"), 7, 1, 1, 1.0 / 7,
        1.0 / 7));

    // First contact after 1, 2, 3, 4, 10 h: median 3, p90 at 3.6 of 4 steps = 4 + 0.6 × 6 = 7.6.
    Report.Duration contact = report.timings().firstContact();
    assertThat(contact.cases()).isEqualTo(5);
    assertThat(contact.medianHours()).isCloseTo(3.0, within(1e-9));
    assertThat(contact.p90Hours()).isCloseTo(7.6, within(1e-9));
    // Closed after 0, 5, 10, 25, 50, 100 h: median (10 + 25) / 2, p90 at 4.5 of 5 steps = 50 + 0.5 × 50.
    Report.Duration close = report.timings().close();
    assertThat(close.cases()).isEqualTo(6);
    assertThat(close.medianHours()).isCloseTo(17.5, within(1e-9));
    assertThat(close.p90Hours()).isCloseTo(75.0, within(1e-9));

    assertThat(report.feedbackCategories()).containsExactly(new Report.Category("COMPETITOR", 1, 1),
        new Report.Category("PRICE", 1, 1));
    assertThat(report.customerChoices()).isEqualTo(new Report.Choices(1,
        new LinkedHashMap<>(Map.of("NO_CONTACT", 1L, "WRITTEN_ONLY", 1L))));

    HoldoutReport.Comparison overall = report.holdout().overall();
    assertThat(overall.treated()).isEqualTo(new HoldoutReport.Side("ALL", 7, 2, 2.0 / 7)); // won back c1, withdrawn c7
    assertThat(overall.holdout()).isEqualTo(new HoldoutReport.Side("ALL", 3, 1, 1.0 / 3));
    assertThat(overall.verdict()).isEqualTo(Uplift.Verdict.TOO_FEW);
    assertThat(overall.warning()).startsWith("Not enough data to tell");
    assertThat(report.holdout().treatedByChannel()).extracting(HoldoutReport.Side::value)
        .containsExactly("EMAIL", "PHONE", "none");

    // The account manager: from the CRM copy (c2) for a case without tasks at the desk.
    assertThat(reports.report(month().with("channel", "EMAIL")).funnel().cases()).isEqualTo(3);
    ReportFilter am7 = reports.filter(Map.of("period", "month", "date", "2026-11-15", "accountManager", "am-7"));
    assertThat(reports.cases(am7, "all")).extracting(ReportQueries.CaseRow::caseId).containsExactly("c2");
  }

  @Test
  void everyFigureListsExactlyTheCasesItCounts() {
    november();
    ReportFilter month = month();
    Report report = reports.report(month);
    Report.Funnel f = report.funnel();
    Map<String, Long> figures = new LinkedHashMap<>();
    figures.put("all", f.cancellations());
    figures.put("cohort:HOLDOUT", f.holdout());
    figures.put("cases", f.cases());
    figures.put("contacted", f.contacted());
    f.contactedByChannel().forEach((channel, n) -> figures.put("contacted:" + channel, n));
    figures.put("reached", f.reached());
    figures.put("status:FEEDBACK_COLLECTED", f.feedbackCollected());
    figures.put("status:WON_BACK", f.wonBack());
    figures.put("status:DECLINED", f.declined());
    figures.put("status:NO_RESPONSE", f.noResponse());
    figures.put("suppressed", f.suppressed());
    f.suppressedByReason().forEach((reason, n) -> figures.put("suppressed:" + reason, n));
    figures.put("status:WITHDRAWN", f.withdrawn());
    figures.put("open", f.open());
    figures.put("optout", report.customerChoices().optOuts());
    report.customerChoices().byChoice().forEach((choice, n) -> figures.put("choice:" + choice, n));
    report.feedbackCategories().forEach(c -> figures.put("category:" + c.category(), c.cases()));
    figures.put("returned:TREATED", report.holdout().overall().treated().returned());
    figures.put("returned:HOLDOUT", report.holdout().overall().holdout().returned());
    figures.forEach((figure, count) -> assertThat(reports.cases(month, figure)).as(figure).hasSize(count.intValue()));
    for (Report.Group group : report.rates().byChannel()) {
      assertThat(reports.cases(month.with("channel", group.value()), "status:WON_BACK")).hasSize((int) group.wonBack());
    }
    assertThat(reports.cases(month, "status:WON_BACK")).singleElement().satisfies(row -> {
      assertThat(row.caseId()).isEqualTo("c1");
      assertThat(row.firstChannel()).isEqualTo("PHONE");
      assertThat(row.firstContactAt()).isEqualTo(at(2));
    });
    assertThat(reports.cases(month, "cohort:HOLDOUT")).extracting(ReportQueries.CaseRow::displayStatus)
        .containsExactly("HOLDOUT", "WITHDRAWN", "NOT_RETURNED");
    assertThatThrownBy(() -> reports.cases(month, "status:LOST")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reports.cases(month, "nonsense")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readingEveryRecordAgainOrAnOlderCaseRecordChangesNothing() {
    november();
    Report once = reports.report(month());
    Map<String, Long> rows = rowCounts();

    // A redelivery (after a rebalance, or by the other replica): everything again, in the same order.
    caseRecords.forEach(state -> model.caseChanged(state, NOW));
    taskRecords.forEach(task -> model.taskCreated(task, NOW));
    // And the oldest record of c1 (OPEN, one task pending) arriving last.
    model.caseChanged(caseRecords.get(0), NOW);

    assertThat(reports.report(month())).isEqualTo(once);
    assertThat(rowCounts()).isEqualTo(rows);
    assertThat(db.sql("SELECT status FROM report_case WHERE case_id = 'c1'").query(String.class).single())
        .isEqualTo("WON_BACK");
    assertThat(db.sql("SELECT state FROM report_task WHERE task_id = 't-c1'").query(String.class).single())
        .isEqualTo("DONE");
  }

  @Test
  void aTaskBeforeItsCaseAndATombstone() {
    phoneTask("early", "C-early", Tier.KEY_ACCOUNT, CancellationReason.MOVED);
    assertThat(reports.report(month()).funnel().cancellations()).as("no case record yet: not counted").isZero();
    record(base("early", "C-early").setStatus(CaseStatus.OPEN).setGoal(Goal.WIN_BACK)
        .setTasks(List.of(task("early", Channel.PHONE))).build());
    assertThat(reports.cases(month(), "all")).singleElement().satisfies(row -> {
      assertThat(row.tier()).isEqualTo("KEY_ACCOUNT");
      assertThat(row.cancellationReason()).isEqualTo("MOVED");
    });
    model.caseRemoved("early");
    assertThat(rowCounts().values()).containsOnly(0L);
  }

  @Test
  void theUpliftIsTheCalculationOfTheCounts() {
    // December: 60 treated (24 returned: 18 won back, 6 withdrawn), 50 held out (10 withdrawn).
    Instant december = Instant.parse("2026-12-07T10:00:00Z");
    for (int i = 0; i < 60; i++) {
      CaseStatus status = i < 18 ? CaseStatus.WON_BACK : i < 24 ? CaseStatus.WITHDRAWN : CaseStatus.DECLINED;
      model.caseChanged(WinbackCase.newBuilder(base("t" + i, "C-t" + i).build()).setStatus(status)
          .setGoal(Goal.WIN_BACK).setOpenedAt(december).setClosedAt(december.plusSeconds(3600))
          .setUpdatedAt(december.plusSeconds(3600)).setTasks(List.of(task("t" + i, Channel.EMAIL))).build(), NOW);
    }
    for (int i = 0; i < 50; i++) {
      CaseStatus status = i < 10 ? CaseStatus.WITHDRAWN : i < 30 ? CaseStatus.NO_RESPONSE : CaseStatus.OPEN;
      model.caseChanged(WinbackCase.newBuilder(base("h" + i, "C-h" + i).build()).setCohort(Cohort.HOLDOUT)
          .setStatus(status).setGoal(Goal.WIN_BACK).setOpenedAt(december).setUpdatedAt(december.plusSeconds(60))
          .build(), NOW);
    }
    ReportFilter filter = reports.filter(Map.of("period", "month", "date", "2026-12-01"));
    HoldoutReport holdout = reports.report(filter).holdout();

    // By hand: 24/60 = 0.4, 10/50 = 0.2, uplift 0.2; the interval is Newcombe's of these counts.
    Uplift.Estimate expected = Uplift.estimate(new Uplift.Proportion(24, 60), new Uplift.Proportion(10, 50));
    HoldoutReport.Comparison overall = holdout.overall();
    assertThat(overall.treated().cases()).isEqualTo(60);
    assertThat(overall.treated().returned()).isEqualTo(24);
    assertThat(overall.holdout().cases()).isEqualTo(50);
    assertThat(overall.holdout().returned()).isEqualTo(10);
    assertThat(overall.uplift()).isCloseTo(0.2, within(1e-12));
    assertThat(overall.low()).isEqualTo(expected.low());
    assertThat(overall.high()).isEqualTo(expected.high());
    assertThat(overall.low()).isPositive();
    assertThat(overall.verdict()).isEqualTo(Uplift.Verdict.HIGHER);
    assertThat(overall.warning()).isNull();
    assertThat(holdout.byGoal()).singleElement().satisfies(goal -> assertThat(goal.uplift()).isEqualTo(overall.uplift()));
    // The channel filter does not narrow the holdout (which has none).
    assertThat(reports.report(filter.with("channel", "EMAIL")).holdout().overall()).isEqualTo(overall);
  }

  @Test
  void theGaugesShowTheReadModelFromZero() {
    metrics.refresh();
    assertThat(gauge("winback.desk.report.cases", "cohort", "HOLDOUT", "status", "WITHDRAWN")).isZero();
    november();
    metrics.refresh();
    assertThat(gauge("winback.desk.report.cases", "cohort", "TREATED", "status", "WON_BACK")).isEqualTo(2); // c1, old
    assertThat(gauge("winback.desk.report.cases", "cohort", "HOLDOUT", "status", "WITHDRAWN")).isEqualTo(1);
    assertThat(gauge("winback.desk.report.outcomes", "channel", "PHONE", "outcome", "REACHED")).isEqualTo(1);
    assertThat(gauge("winback.desk.report.outcomes", "channel", "EMAIL", "outcome", "SENT")).isEqualTo(2);
  }

  @Test
  void periodsAndFilters() {
    LocalDate today = LocalDate.parse("2026-11-20"); // a Friday
    ReportFilter week = ReportFilter.of("week", null, null, null, null, null, null, null, null, today);
    assertThat(week.from()).isEqualTo(LocalDate.parse("2026-11-16"));
    assertThat(week.to()).isEqualTo(LocalDate.parse("2026-11-22"));
    assertThat(week.start(BERLIN)).isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
    ReportFilter custom = ReportFilter.of(null, null, "2026-01-01", "2026-03-31", "phone", null, "PREMIUM", "none",
        "am-1", today);
    assertThat(custom.period()).isEqualTo("custom");
    assertThat(custom.channel()).isEqualTo("PHONE");
    assertThat(custom.reason()).isEqualTo(ReportFilter.NONE);
    assertThat(custom.end(BERLIN)).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    // A week of a month's chart: only its days in the month.
    ReportFilter november = ReportFilter.of("month", null, null, null, null, null, null, null, null, today);
    assertThat(november.week(LocalDate.parse("2026-10-26")).from()).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(november.week(LocalDate.parse("2026-11-30")).to()).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(november.week(LocalDate.parse("2026-11-09")).to()).isEqualTo(LocalDate.parse("2026-11-15"));
    assertThatThrownBy(() -> ReportFilter.of("year", null, null, null, null, null, null, null, null, today))
        .hasMessageContaining("week, month or custom");
    assertThatThrownBy(() -> ReportFilter.of("custom", null, "2026-03-01", "2026-02-01", null, null, null, null, null,
        today)).hasMessageContaining("before");
    assertThatThrownBy(() -> ReportFilter.of(null, null, null, null, "FAX", null, null, null, null, today))
        .hasMessageContaining("channel");
  }

  @Test
  void theCsvHasEveryFigureOnALine() {
    november();
    String csv = reports.csv(reports.report(month()));
    assertThat(csv).startsWith(ReportCsv.HEADER + "\r\n");
    assertThat(csv.lines()).contains("funnel,,,cancellations,10", "funnel,contacted_by_channel,PHONE,cases,3",
        "rates,channel,PHONE,win_back_rate,0.333333", "timings,first_contact,,p90_hours,7.6",
        "feedback_categories,category,COMPETITOR,answers,1", "customer_choices,choice,WRITTEN_ONLY,cases,1",
        "holdout,all,ALL,treated_cases,7", "holdout,all,ALL,verdict,TOO_FEW");
    assertThat(ReportCsv.cell("=cmd|x")).isEqualTo("'=cmd|x");
    assertThat(ReportCsv.cell("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    assertThat(ReportCsv.cell(-0.05)).isEqualTo("-0.05");
  }

  // ---- the records ----------------------------------------------------------------------------

  private ReportFilter month() {
    return reports.filter(Map.of("period", "month"));
  }

  private void record(WinbackCase state) {
    caseRecords.add(state);
    model.caseChanged(state, NOW);
  }

  private void treated(String caseId, String customerId, Goal goal, CaseStatus status, double closedAfter,
      CustomerChoice choice, CaseTask task, OutcomeEntry... outcomes) {
    record(base(caseId, customerId).setStatus(status).setGoal(goal).setCustomerChoice(choice)
        .setTasks(List.of(withState(task, TaskState.DONE))).setOutcomes(List.of(outcomes)).setClosedAt(at(closedAfter))
        .setUpdatedAt(at(closedAfter)).build());
  }

  private void phoneTask(String caseId, String customerId, Tier tier, CancellationReason reason) {
    OutreachTask task = TestTasks.task("t-" + caseId, Channel.PHONE, at(0.1)).setCaseId(caseId)
        .setCustomerId(customerId).setGoal(Goal.WIN_BACK).setCreatedAt(at(0.1))
        .setContext(io.winback.events.CaseContext.newBuilder(TestTasks.task("x", Channel.PHONE, NOW).getContext())
            .setTier(tier).setReason(reason).build())
        .build();
    taskRecords.add(task);
    model.taskCreated(task, NOW);
  }

  private void emailTask(String caseId, String customerId) {
    OutreachTask task = TestTasks.task("t-" + caseId, Channel.EMAIL, at(0.1)).setCaseId(caseId)
        .setCustomerId(customerId).setGoal(Goal.WIN_BACK).setCreatedAt(at(0.1))
        .setContext(io.winback.events.CaseContext.newBuilder(TestTasks.task("x", Channel.EMAIL, NOW).getContext())
            .setTier(Tier.STANDARD).build())
        .build();
    taskRecords.add(task);
    model.taskCreated(task, NOW);
  }

  private static WinbackCase.Builder base(String caseId, String customerId) {
    return WinbackCase.newBuilder().setCaseId(caseId).setCustomerId(customerId).setCancellationEventId("evt-" + caseId)
        .setStatus(CaseStatus.OPEN).setStatusReason(null).setGoal(null).setTasks(List.of()).setOutcomes(List.of())
        .setOpenedAt(at(0)).setClosedAt(null).setUpdatedAt(at(0.2));
  }

  private static CaseTask task(String caseId, Channel channel) {
    return new CaseTask("t-" + caseId, channel, TaskState.PENDING, 1, at(0.1));
  }

  private static CaseTask withState(CaseTask task, TaskState state) {
    return CaseTask.newBuilder(task).setState(state).build();
  }

  private static OutcomeEntry outcome(String caseId, Outcome outcome, CancellationReason category, double hours) {
    return new OutcomeEntry("f-" + caseId + "-" + outcome, "t-" + caseId, outcome, category, at(hours));
  }

  private static CustomerRelationship relationship(String customerId, Tier tier, String accountManager) {
    return CustomerRelationship.newBuilder().setCustomerId(customerId).setSalutation(Salutation.NONE)
        .setFirstName("X").setLastName("Y").setLanguage(Language.de).setTimezone("Europe/Berlin")
        .setConsent(new Consent(true, false, false, false, false)).setDoNotContact(false)
        .setCustomerSince(LocalDate.parse("2020-01-01")).setTier(tier).setOpenComplexTopics(0)
        .setPersonalContactResponse(ContactResponse.NONE)
        .setAccountManager(new AccountManager(accountManager, "A. Manager", null, null)).build();
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("report_case", "report_task", "report_outcome")) {
      counts.put(table, db.sql("SELECT count(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  private double gauge(String name, String... tags) {
    return meters.get(name).tags(tags).gauge().value();
  }

  static {
    io.winback.schemas.serde.TrustedPackages.install();
    Duration.ZERO.isZero();
  }
}
