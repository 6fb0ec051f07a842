package io.winback.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.DeskApplication;
import io.winback.desk.ProcessorProcess;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.cases.CaseStatusView;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.mail.Mailer;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.OutreachTask;
import io.winback.events.RationaleEntry;
import io.winback.events.Salutation;
import io.winback.events.TaskAction;
import io.winback.events.Tier;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.Chromium;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import io.winback.testsupport.logs.PersonalData;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer decides, in a real browser: the processor's email arrives at a real SMTP server,
 * the customer opens its link in headless Chromium and chooses. "I would welcome a call" (phone
 * consent given): the processor follows with a PHONE task whose rationale says the customer asked
 * for it. "No further contact": the case closes and no task follows.
 */
@KafkaIntegrationTest
@ActiveProfiles("embedded")
@SpringBootTest(classes = DeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PreferencePageBrowserIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String PUBLIC = "https://preferences.winback.test";
  static final Path WORK = Path.of("target", "preference-browser-it", UUID.randomUUID().toString().substring(0, 8))
      .toAbsolutePath();
  private static final int SMTP_PORT = ProcessorProcess.freePort();
  private static final Pattern PAGE_LINK = Pattern.compile(Pattern.quote(PUBLIC) + "/p/[A-Za-z0-9_-]+");

  static GreenMail smtp;
  static ProcessorProcess processor;
  static WebDriver browser;

  @LocalServerPort
  int port;

  @Autowired
  CustomerRepository customers;

  @Autowired
  CaseStatusRepository cases;

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.consumer.group-id", () -> "desk-pref-browser-it-" + UUID.randomUUID());
    PostgresTestServer.get().newDatabase("desk_pref_browser").register(registry);
    registry.add("winback.policy.quiet-hours-start", () -> "00:00");
    registry.add("winback.policy.quiet-hours-end", () -> "00:00");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("winback.desk.send-interval", () -> "300ms");
    registry.add("winback.desk.preferences.public-base-url", () -> PUBLIC);
  }

  @BeforeAll
  static void startEverything() throws IOException {
    TrustedPackages.install();
    PersonalData.fixture("Jana Vogel", "Frau Vogel", "Tom Richter", "Herr Richter");
    Files.createDirectories(WORK);
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    processor = ProcessorProcess.start(KafkaTestBroker.bootstrapServers(), ProcessorProcess.ANY_TIME_OF_DAY);
    browser = Chromium.startHeadless(WORK.resolve("chromium-profile"), "--window-size=1000,900", "--lang=en-US");
  }

  @AfterAll
  static void stopEverything() {
    if (browser != null) {
      browser.quit();
    }
    if (processor != null) {
      processor.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @BeforeEach
  void freshBrowser() {
    browser.manage().deleteAllCookies();
  }

  @Test
  void iWouldWelcomeACallBringsAPhoneTaskThatSaysTheCustomerAskedForIt() throws Exception {
    processor.awaitReady(Duration.ofSeconds(120));
    String customerId = "C-pref-call-" + UUID.randomUUID().toString().substring(0, 8);
    OutreachTask email = emailOf(customerId, "Jana", "Vogel", Salutation.MS);

    openTheLinkOf(email);
    // The customer's language (German), whatever the browser asks for; the salutation and no more of them.
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ihre Wahl");
    assertThat(browser.findElement(By.id("salutation")).getText()).isEqualTo("Liebe Frau Vogel,");
    assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Jana").doesNotContain("@")
        .doesNotContain(customerId);
    screenshot("preference-page.png");

    browser.findElement(By.cssSelector("label[for='choice-phone']")).click();
    browser.findElement(By.id("send")).click();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
    assertThat(browser.findElement(By.id("confirmation-text")).getText()).isEqualTo("Wir rufen Sie an.");
    screenshot("preference-page-confirmed.png");
    // Only the form's CSRF cookie, on /p: no session, no language cookie.
    assertThat(browser.manage().getCookies()).extracting(Cookie::getName).containsOnly("winback-preferences-csrf");

    // The processor honours the wish: a phone task for the same case, saying why.
    OutreachTask call = await("a PHONE task for " + customerId).atMost(WAIT)
        .until(() -> tasks(Topics.TASKS_PHONE, customerId), found -> !found.isEmpty()).get(0);
    assertThat(call.getCaseId()).isEqualTo(email.getCaseId());
    assertThat(call.getAction()).isEqualTo(TaskAction.CREATE);
    assertThat(call.getRationale()).extracting(RationaleEntry::getReason)
        .anySatisfy(reason -> assertThat(reason.toLowerCase(Locale.ROOT)).contains("customer asked"));
  }

  @Test
  void noFurtherContactClosesTheCaseAndNoTaskFollows() throws Exception {
    processor.awaitReady(Duration.ofSeconds(120));
    String customerId = "C-pref-no-" + UUID.randomUUID().toString().substring(0, 8);
    OutreachTask email = emailOf(customerId, "Tom", "Richter", Salutation.MR);

    openTheLinkOf(email);
    assertThat(browser.findElement(By.id("salutation")).getText()).isEqualTo("Lieber Herr Richter,");
    browser.findElement(By.cssSelector("label[for='choice-no_contact']")).click();
    browser.findElement(By.id("send")).click();
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
    assertThat(browser.findElement(By.id("confirmation-text")).getText())
        .isEqualTo("Wir werden Sie nicht mehr kontaktieren.");
    // Nothing else is offered any more.
    assertThat(browser.findElements(By.id("preference-form"))).isEmpty();
    assertThat(browser.findElements(By.id("no-contact-form"))).isEmpty();

    await("the case closed").atMost(WAIT).until(
        () -> cases.find(email.getCaseId()).map(CaseStatusView::status).orElse(""), "DECLINED"::equals);
    // The case is closed and the customer suppressed: whatever the processor has done by now, no task followed.
    assertThat(tasks(Topics.TASKS_PHONE, customerId)).isEmpty();
    assertThat(tasks(Topics.TASKS_IN_PERSON, customerId)).isEmpty();
    assertThat(tasks(Topics.TASKS_WRITTEN, customerId)).extracting(OutreachTask::getTaskId)
        .containsOnly(email.getTaskId());
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A customer who consents to email and phone cancels; the processor's email reaches the SMTP server. */
  private OutreachTask emailOf(String customerId, String firstName, String lastName, Salutation salutation) {
    CustomerRelationship customer = CustomerRelationship.newBuilder()
        .setCustomerId(customerId).setSalutation(salutation).setFirstName(firstName).setLastName(lastName)
        .setLanguage(Language.de).setTimezone(ProcessorProcess.weekdayZone())
        .setEmail(customerId.toLowerCase(Locale.ROOT) + "@example.org").setPhone("+4940987654")
        .setPostalAddress(null).setConsent(new Consent(true, true, false, false, false)).setDoNotContact(false)
        .setCustomerSince(LocalDate.now().minusYears(2)).setTier(Tier.STANDARD).setOpenComplexTopics(0)
        .setPersonalContactResponse(ContactResponse.NEUTRAL).setAccountManager(null).build();
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), Topics.RELATIONSHIPS.keySerde().serializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customerId, customer)));
    await("the customer's consent at the desk").atMost(WAIT).until(() -> customers.find(customerId).isPresent());
    CancellationEvent cancellation = CancellationEvent.newBuilder().setEventId("evt-" + UUID.randomUUID())
        .setType(CancellationType.CANCELLED).setCustomerId(customerId).setContractId("K-" + customerId)
        .setProduct("Glasfaser 250").setOccurredAt(Instant.now()).setEffectiveAt(LocalDate.now().plusMonths(3))
        .setReason(CancellationReason.PRICE).setReasonText(null).setMonthlyRevenue(new BigDecimal("49.90")).build();
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), Topics.CANCELLATIONS.keySerde().serializer(),
        Topics.CANCELLATIONS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.CANCELLATIONS.name(), customerId, cancellation)));
    OutreachTask email = await("the email task of " + customerId).atMost(WAIT)
        .until(() -> tasks(Topics.TASKS_WRITTEN, customerId), found -> !found.isEmpty() || !processor.isAlive()).get(0);
    assertThat(processor.isAlive()).as("the processor runs; its log:\n%s", processor.logTail(40)).isTrue();
    return email;
  }

  /** The link as the customer finds it at the end of the email; opened where the Ingress would send it. */
  private void openTheLinkOf(OutreachTask email) throws Exception {
    String messageId = Mailer.messageId(email.getTaskId());
    MimeMessage message = await("the email at the SMTP server").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
          try {
            return messageId.equals(m.getMessageID());
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        }).toList(), found -> !found.isEmpty()).get(0);
    Matcher link = PAGE_LINK.matcher(message.getContent().toString());
    assertThat(link.find()).as("the email's text carries the page's link").isTrue();
    browser.get("http://localhost:" + port + URI.create(link.group()).getRawPath());
    waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("salutation")));
  }

  private static List<OutreachTask> tasks(TopicSpec<String, OutreachTask> topic, String customerId) {
    return TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), topic.name(), new StringDeserializer(),
            topic.valueSerde().deserializer()).stream().filter(record -> customerId.equals(record.key()))
        .map(ConsumerRecord::value).filter(task -> task.getAction() == TaskAction.CREATE).toList();
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), Path.of("target").toAbsolutePath().resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static WebDriverWait waitFor() {
    return new WebDriverWait(browser, WAIT);
  }
}
