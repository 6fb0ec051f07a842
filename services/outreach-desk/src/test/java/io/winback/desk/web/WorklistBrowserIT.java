package io.winback.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.winback.desk.DeskApplication;
import io.winback.desk.ProcessorProcess;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.PostalAddress;
import io.winback.events.Salutation;
import io.winback.events.Tier;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.Chromium;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestProducers;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worklist in a real browser (headless Chromium) against the real thing: the shared Kafka test
 * broker, the churn processor's jar in its own JVM, and the desk on a random port. A cancellation
 * becomes a phone task in the worklist; an agent claims it, records the feedback, and sees the
 * case closed as FEEDBACK_COLLECTED once the processor has applied it.
 */
@KafkaIntegrationTest
// The embedded setup's SMTP sink and demo users.
@ActiveProfiles("embedded")
@SpringBootTest(classes = DeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WorklistBrowserIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final Path WORK = Path.of("target", "worklist-browser-it", UUID.randomUUID().toString().substring(0, 8))
      .toAbsolutePath();
  /** Screenshots for people to look at: the task page after the outcome, and a few more. */
  static final Path SCREENSHOTS = Path.of("target").toAbsolutePath();

  static ProcessorProcess processor;
  static WebDriver browser;

  @Value("${local.server.port}")
  int port;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  CustomerRepository customers;

  @Autowired
  CaseStatusRepository cases;

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    // A processor that does not seal yet writes no keys: the agent's notes then leave without their text
    // once the key ring has been complete this long (see FeedbackSealer); a sealing processor has the key.
    registry.add("winback.desk.key-wait", () -> "3s");
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    // A consumer group of its own: other desk contexts of this JVM's ITs must not take our partitions.
    String group = "desk-ui-it-" + UUID.randomUUID();
    registry.add("spring.kafka.consumer.group-id", () -> group);
    PostgresTestServer.get().newDatabase("desk_browser").register(registry);
    registry.add("winback.policy.quiet-hours-start", () -> "00:00");
    registry.add("winback.policy.quiet-hours-end", () -> "00:00");
    int smtp = ProcessorProcess.freePort();
    registry.add("winback.desk.embedded-smtp-port", () -> smtp);
  }

  /** The processor and the browser start while Spring starts the desk. */
  @BeforeAll
  static void startProcessorAndBrowser() throws IOException {
    TrustedPackages.install();
    Files.createDirectories(WORK);
    // Returns at once: the processor boots while Spring starts the desk.
    processor = ProcessorProcess.start(KafkaTestBroker.bootstrapServers(), ProcessorProcess.ANY_TIME_OF_DAY);
    browser = chromium();
  }

  @AfterAll
  static void stopProcessorAndBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (processor != null) {
      processor.close();
    }
  }

  @BeforeEach
  void freshSession() {
    browser.manage().deleteAllCookies();
  }

  @Test
  void aWrongPasswordIsRefused() throws IOException {
    browser.get(url("/login?lang=de"));
    login("agent", "not-the-password");

    WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertThat(error.getText()).contains("Benutzername oder Passwort ist nicht korrekt");
    assertThat(browser.getCurrentUrl()).contains("/login?error");
    screenshot("worklist-login-error.png");
    assertThat(browser.findElements(By.id("worklist"))).isEmpty();
    // Still not logged in: the worklist sends us back to the login.
    browser.get(url("/worklist"));
    waitFor().until(ExpectedConditions.urlContains("/login"));
    assertThat(browser.findElements(By.id("login-form"))).hasSize(1);
  }

  @Test
  void anAgentRecordsFeedbackAndSeesTheCaseClosed() throws Exception {
    String customerId = "C-UI-" + UUID.randomUUID().toString().substring(0, 8);
    processor.awaitReady(Duration.ofSeconds(120));
    publishCustomerWhoCancelled(customerId);

    // Log in and find the task the processor created from the cancellation.
    browser.get(url("/login?lang=de"));
    login("agent", "agent");
    waitFor().until(ExpectedConditions.urlContains("/worklist"));
    By row = By.cssSelector("tr[data-customer-id='" + customerId + "']");
    WebElement task = new WebDriverWait(browser, WAIT, Duration.ofSeconds(1)).until(driver -> {
      List<WebElement> rows = driver.findElements(row);
      if (rows.isEmpty()) {
        driver.navigate().refresh();
        return null;
      }
      return rows.get(0);
    });
    assertThat(task.getText()).contains("Greta Krüger", "Telefon");
    screenshot("worklist-page.png");
    task.findElement(By.cssSelector("a.task-link")).click();

    // The task page: who the customer is, why the phone, what to say and how.
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-context")));
    assertThat(browser.findElement(By.id("customer-name")).getText()).isEqualTo("Greta Krüger");
    assertThat(browser.findElement(By.id("cancel-reason")).getText()).isEqualTo("Preis");
    assertThat(browser.findElement(By.id("rationale")).findElements(By.tagName("li"))).isNotEmpty();
    assertThat(browser.findElement(By.id("message-text")).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("guidance")).getText()).contains("Vorbereitung", "Offene Fragen", "Respekt",
        "Was vermieden werden sollte");

    // The desk checks consent again before anyone acts; it comes from the CRM topic, so wait for it.
    String taskId = browser.getCurrentUrl().replaceAll(".*/worklist/tasks/", "").replaceAll("[?#].*", "");
    await("the desk knows the customer's consent").atMost(WAIT)
        .until(() -> customers.find(customerId).isPresent());

    browser.findElement(By.id("claim")).click();
    assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
        .contains("übernommen");

    new Select(browser.findElement(By.id("outcome"))).selectByValue("FEEDBACK_RECEIVED");
    WebElement category = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("category")));
    new Select(category).selectByValue("COMPETITOR");
    browser.findElement(By.id("text")).sendKeys("Das Angebot der Konkurrenz war günstiger. <b>Danke</b> für den Anruf.");
    assertThat(browser.findElement(By.id("meetingAt")).isDisplayed()).isFalse(); // only for a meeting
    screenshot("worklist-task-form.png");
    browser.findElement(By.id("record")).click();

    WebElement notice = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
    assertThat(notice.getText()).contains("Feedback erhalten");
    assertThat(browser.findElement(By.id("task-status")).getAttribute("data-status")).isEqualTo("DONE");

    // The processor applies the feedback and publishes the case; the page picks it up by itself.
    new WebDriverWait(browser, WAIT, Duration.ofMillis(500)).until(ExpectedConditions.attributeToBe(
        By.id("case-status-label"), "data-status", "FEEDBACK_COLLECTED"));
    assertThat(browser.findElement(By.id("case-status-label")).getText()).isEqualTo("Feedback erfasst");
    assertThat(cases.find(worklist.find(taskId).orElseThrow().caseId()).orElseThrow().status())
        .isEqualTo("FEEDBACK_COLLECTED");

    screenshot("worklist-task-page.png");

    // A task that does not exist, and a page that does not exist: the desk's own error pages.
    browser.get(url("/worklist/tasks/no-such-task"));
    assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
        .isEqualTo("Nicht gefunden");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Diese Aufgabe gibt es nicht (mehr).");
    browser.get(url("/no-such-page"));
    assertThat(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
        .isEqualTo("Nicht gefunden");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A German customer who responded well to personal contact and allows calls only: a phone task. */
  private static void publishCustomerWhoCancelled(String customerId) {
    CustomerRelationship customer = CustomerRelationship.newBuilder()
        .setCustomerId(customerId)
        .setSalutation(Salutation.MS)
        .setFirstName("Greta")
        .setLastName("Krüger")
        .setLanguage(Language.de)
        .setTimezone(ProcessorProcess.weekdayZone())
        .setEmail(null)
        .setPhone("+4940123456")
        .setPostalAddress(new PostalAddress("Lindenallee 5", "20259", "Hamburg", "DE"))
        .setConsent(new Consent(false, true, false, false, false))
        .setDoNotContact(false)
        .setCustomerSince(LocalDate.now().minusYears(3).withDayOfMonth(1))
        .setTier(Tier.STANDARD)
        .setOpenComplexTopics(0)
        .setPersonalContactResponse(ContactResponse.POSITIVE)
        .setAccountManager(null)
        .build();
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), Topics.RELATIONSHIPS.keySerde().serializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customerId, customer)));

    CancellationEvent cancellation = CancellationEvent.newBuilder()
        .setEventId("evt-" + UUID.randomUUID())
        .setType(CancellationType.CANCELLED)
        .setCustomerId(customerId)
        .setContractId("K-" + customerId)
        .setProduct("Glasfaser 250")
        .setOccurredAt(Instant.now())
        .setEffectiveAt(LocalDate.now().plusMonths(2))
        .setReason(CancellationReason.PRICE)
        .setReasonText("Zu teuer geworden")
        .setMonthlyRevenue(new BigDecimal("49.90"))
        .build();
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), Topics.CANCELLATIONS.keySerde().serializer(),
        Topics.CANCELLATIONS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.CANCELLATIONS.name(), customerId, cancellation)));
  }

  private void login(String username, String password) {
    WebElement user = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    user.clear();
    user.sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
  }

  /** The whole page, not just the window: the window is stretched to the page's height first. */
  private void screenshot(String name) throws IOException {
    Object height = ((JavascriptExecutor) browser).executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
    browser.manage().window().setSize(new Dimension(1360, Math.min(6000, ((Number) height).intValue() + 20)));
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(1360, 1000));
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(browser, WAIT);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** Debian's Chromium through its own ChromeDriver, installed by the test support where it is missing. */
  static WebDriver chromium() throws IOException {
    return Chromium.startHeadless(WORK.resolve("chromium-profile"), "--window-size=1360,1000", "--lang=de-DE");
  }
}
