package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.desk.DeskApplication;
import io.winback.desk.ProcessorProcess;
import io.winback.events.CancellationReason;
import io.winback.events.CaseContext;
import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import io.winback.events.CustomerChoice;
import io.winback.events.Goal;
import io.winback.events.Outcome;
import io.winback.events.OutcomeEntry;
import io.winback.events.OutreachTask;
import io.winback.events.TaskState;
import io.winback.events.Tier;
import io.winback.events.WinbackCase;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.Chromium;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reports in a real browser (headless Chromium) against the desk on a random port, the shared
 * Kafka test broker and PostgreSQL: known case and task records go to winback.cases.v1 and the task
 * topics as the processor writes them (each case in its successive versions, the last one twice, as
 * a redelivery would), the desk's consumers build the read model, and a lead opens the report of
 * their two weeks. The funnel, the rates and the weekly chart are there, Chart.js has drawn the
 * chart, and every number equals the API's and a count the test makes from what it reads back from
 * the topic. An agent is refused.
 */
@KafkaIntegrationTest
@ActiveProfiles("embedded")
@SpringBootTest(classes = DeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReportsBrowserIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Two weeks long past: no other test's case was opened then. */
  static final LocalDate FROM = LocalDate.parse("2011-03-07");
  static final LocalDate TO = LocalDate.parse("2011-03-20");
  static final String PERIOD = "period=custom&from=" + FROM + "&to=" + TO;
  static final Set<Outcome> CONTACT = EnumSet.complementOf(EnumSet.of(Outcome.DELIVERY_FAILED, Outcome.SUPPRESSED));
  static final Set<Outcome> REACHED = EnumSet.of(Outcome.REACHED, Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK,
      Outcome.DECLINED, Outcome.DO_NOT_CONTACT, Outcome.MEETING_SCHEDULED);

  static WebDriver browser;

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    String group = "desk-reports-it-" + RUN;
    registry.add("spring.kafka.consumer.group-id", () -> group);
    PostgresTestServer.get().newDatabase("desk_reports_ui").register(registry);
    int smtp = ProcessorProcess.freePort();
    registry.add("winback.desk.embedded-smtp-port", () -> smtp);
  }

  @BeforeAll
  static void startBrowser() throws Exception {
    TrustedPackages.install();
    Path profile = Files.createDirectories(Path.of("target", "reports-browser-it", RUN).toAbsolutePath());
    browser = Chromium.startHeadless(profile.resolve("chromium-profile"), "--window-size=1360,1000", "--lang=de-DE");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aLeadSeesTheFunnelRatesAndChartWithTheNumbersOfTheApiAndOfTheTopics() throws Exception {
    publishTheTwoWeeks();
    DeskApi api = new DeskApi(port);
    Counted topics = countFromTheCaseTopic();
    assertThat(topics.cancellations).as("the test's own count").isEqualTo(9);

    // The desk has read them all once the API counts what the topic holds (the last versions too).
    await("the read model has every case in its last version").atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          JsonNode funnel = api.json("/api/reports?" + PERIOD, "lead").get("funnel");
          return funnel.get("cancellations").asLong() == topics.cancellations
              && funnel.get("wonBack").asLong() == topics.byStatus.getOrDefault("WON_BACK", 0L)
              && funnel.get("withdrawn").asLong() == topics.byStatus.getOrDefault("WITHDRAWN", 0L)
              && funnel.get("open").asLong() == topics.open;
        });
    JsonNode report = api.json("/api/reports?" + PERIOD, "lead");
    JsonNode funnel = report.get("funnel");
    assertThat(funnel.get("holdout").asLong()).isEqualTo(topics.holdout);
    assertThat(funnel.get("cases").asLong()).isEqualTo(topics.treated);
    assertThat(funnel.get("contacted").asLong()).isEqualTo(topics.contacted);
    assertThat(funnel.get("reached").asLong()).isEqualTo(topics.reached);
    assertThat(funnel.get("suppressed").asLong()).isEqualTo(topics.byStatus.get("SUPPRESSED"));

    // The page, as a lead.
    browser.manage().deleteAllCookies();
    browser.get(url("/login?lang=de"));
    login("lead");
    waitFor().until(ExpectedConditions.urlContains("/worklist"));
    browser.findElement(By.id("nav-reports")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("funnel")));
    browser.get(url("/reports?" + PERIOD));
    WebElement table = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("funnel")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Berichte");
    Map<String, Long> page = new HashMap<>();
    for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
      page.put(row.getAttribute("data-figure"), Long.parseLong(row.findElement(By.cssSelector("a.count")).getText()));
    }
    Map<String, Long> expected = new HashMap<>();
    expected.put("all", topics.cancellations);
    expected.put("cohort:HOLDOUT", topics.holdout);
    expected.put("cases", topics.treated);
    expected.put("contacted", topics.contacted);
    expected.put("reached", topics.reached);
    expected.put("open", topics.open);
    expected.put("suppressed", topics.byStatus.get("SUPPRESSED"));
    for (String status : List.of("FEEDBACK_COLLECTED", "WON_BACK", "DECLINED", "NO_RESPONSE", "WITHDRAWN")) {
      expected.put("status:" + status, topics.byStatus.getOrDefault(status, 0L));
    }
    topics.contactedByChannel.forEach((channel, n) -> expected.put("contacted:" + channel, n));
    assertThat(page).containsAllEntriesOf(expected);
    // ... and equal the API's.
    assertThat(page).containsEntry("all", funnel.get("cancellations").asLong())
        .containsEntry("status:WON_BACK", funnel.get("wonBack").asLong())
        .containsEntry("contacted:PHONE", funnel.get("contactedByChannel").get("PHONE").asLong())
        .containsEntry("suppressed:no channel with consent",
            funnel.get("suppressedByReason").get("no channel with consent").asLong());

    // The rates by channel: the page's rows are the API's.
    List<WebElement> channelRows = browser.findElements(By.cssSelector("#rates-channel tbody tr"));
    JsonNode byChannel = report.get("rates").get("byChannel");
    assertThat(channelRows).hasSize(byChannel.size());
    for (int i = 0; i < byChannel.size(); i++) {
      WebElement row = channelRows.get(i);
      JsonNode group = byChannel.get(i);
      assertThat(row.getAttribute("data-value")).isEqualTo(group.get("value").asText());
      assertThat(Long.parseLong(row.getAttribute("data-cases"))).isEqualTo(group.get("cases").asLong());
      assertThat(Long.parseLong(row.getAttribute("data-won-back"))).isEqualTo(group.get("wonBack").asLong());
      assertThat(row.getAttribute("data-win-back-rate")).isEqualTo(raw(group.get("winBackRate")));
    }
    WebElement phone = browser.findElement(By.cssSelector("#rates-channel tr[data-value='PHONE']"));
    assertThat(phone.getText()).contains("Telefon", "50,0 %"); // r-1 won back, r-5 declined

    // The chart: drawn by Chart.js, one bar per week with the week's cases.
    WebElement canvas = browser.findElement(By.id("weekly-chart"));
    assertThat(canvas.getSize().getHeight()).isPositive();
    JavascriptExecutor js = (JavascriptExecutor) browser;
    Object bars = new WebDriverWait(browser, WAIT).until(driver -> js.executeScript(
        "var c = window.Chart && Chart.getChart(document.getElementById('weekly-chart'));"
            + "return c ? c.data.datasets[0].data : null;"));
    List<Long> weeklyFromTopics = new ArrayList<>(topics.treatedByWeek.values());
    assertThat(((List<?>) bars).stream().map(n -> ((Number) n).longValue()).toList()).isEqualTo(weeklyFromTopics);
    assertThat(js.executeScript("return Chart.getChart(document.getElementById('weekly-chart')).data.labels.length;"))
        .isEqualTo((long) topics.treatedByWeek.size());
    assertThat(report.get("weekly").size()).isEqualTo(topics.treatedByWeek.size());
    assertThat(js.executeScript("return typeof Chart.version === 'string' && Chart.version.startsWith('4.');"))
        .isEqualTo(true);

    // The holdout table: the overall row's counts are the API's and the topic's.
    WebElement overall = browser.findElement(By.cssSelector("#holdout tr[data-dimension='all']"));
    assertThat(report.get("holdout").get("method").asText()).contains("Newcombe");
    assertThat(report.get("holdout").has("rows")).as("the page's helper is not part of the JSON").isFalse();
    JsonNode holdout = report.get("holdout").get("overall");
    assertThat(Long.parseLong(overall.getAttribute("data-treated-cases"))).isEqualTo(topics.treated)
        .isEqualTo(holdout.get("treated").get("cases").asLong());
    assertThat(Long.parseLong(overall.getAttribute("data-treated-returned"))).isEqualTo(topics.treatedReturned);
    assertThat(Long.parseLong(overall.getAttribute("data-holdout-cases"))).isEqualTo(topics.holdout);
    assertThat(Long.parseLong(overall.getAttribute("data-holdout-returned"))).isEqualTo(topics.holdoutReturned);
    assertThat(overall.getAttribute("data-verdict")).isEqualTo("TOO_FEW");
    assertThat(overall.getText()).contains("Zu wenig Daten für eine Aussage");
    screenshot("reports-page.png");

    // A figure links to its cases: the won-back count opens the list of exactly those.
    browser.findElement(By.cssSelector("#funnel tr[data-figure='status:WON_BACK'] a.count")).click();
    WebElement count = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("case-count")));
    assertThat(count.getAttribute("data-count")).isEqualTo(String.valueOf(page.get("status:WON_BACK")));
    assertThat(browser.findElements(By.cssSelector("#report-cases tbody tr")))
        .extracting(row -> row.getAttribute("data-case-id")).containsExactly(caseId(1));
    JsonNode listed = api.json("/api/reports/cases?" + PERIOD + "&figure=cohort:HOLDOUT", "lead");
    assertThat(listed).extracting(row -> row.get("displayStatus").asText()).containsExactlyInAnyOrder("HOLDOUT",
        "WITHDRAWN");
    assertThat(listed.toString()).doesNotContain("customerId").doesNotContain("C-rep-");

    // The CSV has the same figures.
    String csv = api.get("/api/reports/report.csv?" + PERIOD, "lead").body();
    assertThat(csv.lines()).contains("funnel,,,cancellations," + topics.cancellations,
        "funnel,,,won_back," + topics.byStatus.get("WON_BACK"));

    // An agent is refused, on the page and on the API.
    browser.manage().deleteAllCookies();
    browser.get(url("/login?lang=de"));
    login("agent");
    waitFor().until(ExpectedConditions.urlContains("/worklist"));
    assertThat(browser.findElements(By.id("nav-reports"))).isEmpty();
    browser.get(url("/reports?" + PERIOD));
    assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
        .isEqualTo("Nicht erlaubt");
    assertThat(browser.findElements(By.id("funnel"))).isEmpty();
    assertThat(api.get("/api/reports?" + PERIOD, "agent").statusCode()).isEqualTo(403);
    assertThat(api.get("/api/reports/cases?" + PERIOD, "agent").statusCode()).isEqualTo(403);
  }

  // ---- the records ------------------------------------------------------------------------------

  static String caseId(int n) {
    return "case-rep-" + RUN + "-" + n;
  }

  /** 10:00 in Berlin on the day {@code days} after the first Monday. */
  static Instant day(int days, double hours) {
    return FROM.plusDays(days).atTime(10, 0).atZone(BERLIN).toInstant().plusSeconds((long) (hours * 3600));
  }

  private static void publishTheTwoWeeks() {
    List<WinbackCase> cases = new ArrayList<>();
    List<OutreachTask> tasks = new ArrayList<>();
    // Week one.
    treated(cases, 1, Channel.PHONE, CaseStatus.WON_BACK, null, outcome(1, Outcome.REACHED, null, 2),
        outcome(1, Outcome.WON_BACK, CancellationReason.PRICE, 5));
    tasks.add(task(1, Channel.PHONE, Tier.PREMIUM, CancellationReason.PRICE, null));
    treated(cases, 2, Channel.EMAIL, CaseStatus.FEEDBACK_COLLECTED, null, outcome(2, Outcome.SENT, null, 1),
        outcome(2, Outcome.FEEDBACK_RECEIVED, CancellationReason.COMPETITOR, 30));
    treated(cases, 3, Channel.EMAIL, CaseStatus.NO_RESPONSE, null, outcome(3, Outcome.SENT, null, 1));
    holdout(cases, 8, CaseStatus.OPEN);
    // Week two.
    cases.add(base(4).setStatus(CaseStatus.SUPPRESSED).setStatusReason("no channel with consent")
        .setGoal(Goal.WIN_BACK).setClosedAt(day(dayOf(4), 0)).setUpdatedAt(day(dayOf(4), 0)).build());
    treated(cases, 5, Channel.PHONE, CaseStatus.DECLINED, CustomerChoice.NO_CONTACT,
        outcome(5, Outcome.DO_NOT_CONTACT, null, 3));
    treated(cases, 6, Channel.IN_PERSON, CaseStatus.AWAITING_MEETING, null,
        outcome(6, Outcome.MEETING_SCHEDULED, null, 20));
    tasks.add(task(6, Channel.IN_PERSON, Tier.KEY_ACCOUNT, CancellationReason.SERVICE, "am-9"));
    treated(cases, 7, Channel.LETTER, CaseStatus.WITHDRAWN, null, outcome(7, Outcome.SENT, null, 24));
    holdout(cases, 9, CaseStatus.WITHDRAWN);

    publishTasks(tasks);
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(),
        Topics.CASES.valueSerde().serializer(), cases.stream()
            .map(state -> new ProducerRecord<>(Topics.CASES.name(), state.getCaseId(), state)).toList());
  }

  /** A treated case: first OPEN with its task pending, then its end; the last version twice. */
  private static void treated(List<WinbackCase> cases, int n, Channel channel, CaseStatus status,
      CustomerChoice choice, OutcomeEntry... outcomes) {
    int day = dayOf(n);
    CaseTask pending = new CaseTask("t-rep-" + RUN + "-" + n, channel, TaskState.PENDING, 1, day(day, 0.1));
    cases.add(base(n).setStatus(CaseStatus.OPEN).setGoal(Goal.WIN_BACK).setTasks(List.of(pending))
        .setUpdatedAt(day(day, 0.2)).build());
    boolean closed = !List.of(CaseStatus.OPEN, CaseStatus.AWAITING_MEETING).contains(status);
    Instant last = outcomes[outcomes.length - 1].getRecordedAt();
    WinbackCase end = base(n).setStatus(status).setGoal(Goal.WIN_BACK).setCustomerChoice(choice)
        .setTasks(List.of(CaseTask.newBuilder(pending).setState(closed ? TaskState.DONE : TaskState.SENT).build()))
        .setOutcomes(List.of(outcomes)).setClosedAt(closed ? last : null).setUpdatedAt(last).build();
    cases.add(end);
    cases.add(end);
  }

  private static void holdout(List<WinbackCase> cases, int n, CaseStatus status) {
    int day = dayOf(n);
    cases.add(base(n).setCohort(Cohort.HOLDOUT).setGoal(Goal.WIN_BACK).setStatus(CaseStatus.OPEN).build());
    if (status != CaseStatus.OPEN) {
      cases.add(base(n).setCohort(Cohort.HOLDOUT).setGoal(Goal.WIN_BACK).setStatus(status)
          .setClosedAt(day(day, 48)).setUpdatedAt(day(day, 48)).build());
    }
  }

  private static WinbackCase.Builder base(int n) {
    int day = dayOf(n);
    return WinbackCase.newBuilder().setCaseId(caseId(n)).setCustomerId("C-rep-" + RUN + "-" + n)
        .setCancellationEventId("evt-rep-" + RUN + "-" + n).setStatus(CaseStatus.OPEN).setStatusReason(null)
        .setGoal(null).setTasks(List.of()).setOutcomes(List.of()).setOpenedAt(day(day, 0)).setClosedAt(null)
        .setUpdatedAt(day(day, 0.05));
  }

  private static OutcomeEntry outcome(int n, Outcome outcome, CancellationReason category, double hours) {
    return new OutcomeEntry("f-rep-" + RUN + "-" + n + "-" + outcome, "t-rep-" + RUN + "-" + n, outcome, category,
        day(dayOf(n), hours));
  }

  /** The day each case was opened on (its outcomes follow it). */
  private static int dayOf(int n) {
    return switch (n) {
      case 1 -> 0;
      case 2 -> 1;
      case 3 -> 2;
      case 8 -> 3;
      case 4 -> 7;
      case 5 -> 8;
      case 6 -> 9;
      case 7 -> 10;
      case 9 -> 11;
      default -> throw new IllegalArgumentException("no case " + n);
    };
  }

  private static OutreachTask task(int n, Channel channel, Tier tier, CancellationReason reason, String assignee) {
    OutreachTask task = DeskWorld.task("t-rep-" + RUN + "-" + n, "C-rep-" + RUN + "-" + n, channel, day(dayOf(n), 0.1))
        .setCaseId(caseId(n)).setGoal(Goal.WIN_BACK).setAssignee(assignee).setCreatedAt(day(dayOf(n), 0.1)).build();
    return OutreachTask.newBuilder(task).setContext(CaseContext.newBuilder(task.getContext()).setTier(tier)
        .setReason(reason).build()).build();
  }

  private static void publishTasks(List<OutreachTask> tasks) {
    new DeskWorld(KafkaTestBroker.bootstrapServers()).publishTasks(tasks);
  }

  // ---- the test's own count, from the topic -----------------------------------------------------

  /** What the case topic says about the run's cases opened in the period: the last version of each. */
  static final class Counted {
    long cancellations;
    long holdout;
    long treated;
    long contacted;
    long reached;
    long open;
    long treatedReturned;
    long holdoutReturned;
    final Map<String, Long> byStatus = new HashMap<>();
    final Map<String, Long> contactedByChannel = new HashMap<>();
    final TreeMap<LocalDate, Long> treatedByWeek = new TreeMap<>();
  }

  private static Counted countFromTheCaseTopic() {
    Map<String, WinbackCase> last = new HashMap<>();
    List<ConsumerRecord<String, WinbackCase>> records = TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(),
        Topics.CASES.name(), new StringDeserializer(), Topics.CASES.valueSerde().deserializer());
    for (ConsumerRecord<String, WinbackCase> record : records) {
      WinbackCase state = record.value();
      if (state != null && state.getCaseId().startsWith("case-rep-" + RUN + "-")) {
        last.merge(state.getCaseId(), state, (a, b) -> b.getUpdatedAt().isBefore(a.getUpdatedAt()) ? a : b);
      }
    }
    Instant start = FROM.atStartOfDay(BERLIN).toInstant();
    Instant end = TO.plusDays(1).atStartOfDay(BERLIN).toInstant();
    Counted counted = new Counted();
    for (WinbackCase state : last.values()) {
      if (state.getOpenedAt().isBefore(start) || !state.getOpenedAt().isBefore(end)) {
        continue;
      }
      counted.cancellations++;
      boolean returned = state.getStatus() == CaseStatus.WON_BACK || state.getStatus() == CaseStatus.WITHDRAWN;
      if (state.getCohort() == Cohort.HOLDOUT) {
        counted.holdout++;
        counted.holdoutReturned += returned ? 1 : 0;
        continue;
      }
      counted.treated++;
      counted.treatedReturned += returned ? 1 : 0;
      counted.byStatus.merge(state.getStatus().name(), 1L, Long::sum);
      if (Set.of(CaseStatus.OPEN, CaseStatus.NEEDS_DATA, CaseStatus.AWAITING_MEETING).contains(state.getStatus())) {
        counted.open++;
      }
      Map<String, Channel> channels = state.getTasks().stream()
          .collect(Collectors.toMap(CaseTask::getTaskId, CaseTask::getChannel));
      List<OutcomeEntry> contacts = state.getOutcomes().stream().filter(o -> CONTACT.contains(o.getOutcome())).toList();
      counted.contacted += contacts.isEmpty() ? 0 : 1;
      contacts.stream().map(o -> channels.get(o.getTaskId()).name()).distinct()
          .forEach(channel -> counted.contactedByChannel.merge(channel, 1L, Long::sum));
      counted.reached += state.getOutcomes().stream().anyMatch(o -> REACHED.contains(o.getOutcome())) ? 1 : 0;
      LocalDate monday = state.getOpenedAt().atZone(BERLIN).toLocalDate()
          .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      counted.treatedByWeek.merge(monday, 1L, Long::sum);
    }
    return counted;
  }

  // ---- the browser ------------------------------------------------------------------------------

  private static String raw(JsonNode rate) {
    return rate == null || rate.isNull() ? "" : String.format(java.util.Locale.ROOT, "%.4f", rate.asDouble());
  }

  private void login(String user) {
    WebElement name = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    name.clear();
    name.sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.id("login-submit")).click();
  }

  private void screenshot(String name) throws Exception {
    Object height = ((JavascriptExecutor) browser).executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
    browser.manage().window().setSize(new Dimension(1360, Math.min(8000, ((Number) height).intValue() + 20)));
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), Path.of("target").toAbsolutePath().resolve(name), StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(1360, 1000));
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(browser, WAIT);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
