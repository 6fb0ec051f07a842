package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.ProcessorProcess;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.cases.CaseStatusView;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.mail.Mailer;
import io.winback.desk.preferences.PreferenceLinks;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Channel;
import io.winback.events.CustomerChoice;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer's own door, end to end: the real churn processor's email through a real SMTP
 * server (GreenMail), its List-Unsubscribe header parsed and its https link POSTed exactly as a
 * mailbox provider does (RFC 8058: the one field, no cookie, no login); DO_NOT_CONTACT with
 * NO_CONTACT on outreach.feedback.v1, once; the processor closes the case and suppresses the
 * customer's next cancellation. The mailto link through a real IMAP mailbox; tampered, expired,
 * unknown and replayed tokens; a flood; the metric. The desk trusts its loopback proxy here, as it
 * trusts the Ingress in Kubernetes: the client address comes from X-Forwarded-For.
 */
@KafkaIntegrationTest
@ActiveProfiles("embedded")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PreferencesIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PUBLIC = "https://preferences.winback.test";
  private static final String MAILBOX = "unsubscribe@winback.test";
  private static final int SMTP_PORT = ProcessorProcess.freePort();
  private static final int IMAP_PORT = ProcessorProcess.freePort();
  /** Small buckets that never refill during the test: the flood test needs no clock. */
  private static final int PER_TOKEN = 6;
  private static final int PER_ADDRESS = 8;
  private static final Pattern LINK = Pattern.compile("<([^>]+)>");

  private static GreenMail mail;
  private static ProcessorProcess processor;

  @LocalServerPort
  int port;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  CustomerRepository customers;

  @Autowired
  CaseStatusRepository cases;

  @Autowired
  PreferenceLinks links;

  @Autowired
  JdbcClient db;

  @BeforeAll
  static void startMailAndProcessor() {
    mail = new GreenMail(new ServerSetup[] {new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    mail.start();
    mail.setUser(MAILBOX, "unsubscribe", "mailbox-secret");
    processor = ProcessorProcess.start(KafkaTestBroker.bootstrapServers(), ProcessorProcess.ANY_TIME_OF_DAY);
  }

  @AfterAll
  static void stopMailAndProcessor() {
    if (processor != null) {
      processor.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.consumer.group-id", () -> "desk-preferences-it-" + UUID.randomUUID());
    PostgresTestServer.get().newDatabase("desk_preferences").register(registry);
    registry.add("winback.policy.quiet-hours-start", () -> "00:00");
    registry.add("winback.policy.quiet-hours-end", () -> "00:00");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("winback.desk.send-interval", () -> "300ms");
    // Behind a proxy it trusts (loopback here, the Ingress in Kubernetes): client addresses from X-Forwarded-For.
    registry.add("server.forward-headers-strategy", () -> "native");
    registry.add("winback.desk.preferences.public-base-url", () -> PUBLIC);
    registry.add("winback.desk.preferences.mailto-address", () -> MAILBOX);
    registry.add("winback.desk.preferences.mailbox.protocol", () -> "imap");
    registry.add("winback.desk.preferences.mailbox.host", () -> "127.0.0.1");
    registry.add("winback.desk.preferences.mailbox.port", () -> IMAP_PORT);
    registry.add("winback.desk.preferences.mailbox.username", () -> "unsubscribe");
    registry.add("winback.desk.preferences.mailbox.password", () -> "mailbox-secret");
    registry.add("winback.desk.preferences.mailbox.poll-interval", () -> "500ms");
    registry.add("winback.desk.preferences.rate-limit.per-token-capacity", () -> PER_TOKEN);
    registry.add("winback.desk.preferences.rate-limit.per-token-refill-every", () -> "1h");
    registry.add("winback.desk.preferences.rate-limit.per-address-capacity", () -> PER_ADDRESS);
    registry.add("winback.desk.preferences.rate-limit.per-address-refill-every", () -> "1h");
  }

  @Test
  void aMailboxProvidersOneClickRecordsDoNotContactOnceAndTheProcessorSuppressesTheNextCancellation() throws Exception {
    processor.awaitReady(Duration.ofSeconds(120));
    String customerId = "C-pref-" + UUID.randomUUID().toString().substring(0, 8);
    publishCustomer(customerId);
    String firstCancellation = cancel(customerId);
    OutreachTask task = awaitEmailTask(customerId);
    MimeMessage message = awaitMessage(task.getTaskId());

    // The headers as the mailbox provider reads them.
    assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    List<String> unsubscribe = links(message.getHeader("List-Unsubscribe", null));
    assertThat(unsubscribe).hasSize(2);
    String https = unsubscribe.get(0);
    assertThat(https).startsWith(PUBLIC + "/p/").endsWith("/unsubscribe");
    String token = https.substring((PUBLIC + "/p/").length(), https.length() - "/unsubscribe".length());
    assertThat(token).matches("[A-Za-z0-9_-]{40,80}");
    assertThat(unsubscribe.get(1)).isEqualTo("mailto:" + MAILBOX + "?subject=unsubscribe-" + token);
    assertThat(message.getContent().toString()).contains(PUBLIC + "/p/" + token)
        .contains("Sie entscheiden, ob und wie wir uns melden");

    PublicDoor door = new PublicDoor(port);
    String provider = PublicDoor.newAddress();
    // A link scanner looks first: the page, nothing recorded.
    HttpResponse<String> scanned = door.get(PublicDoor.pathOf(https), provider);
    assertThat(scanned.statusCode()).isEqualTo(200);
    assertThat(scanned.body()).contains("Ihre Wahl").contains("Über einen Anruf würde ich mich freuen");
    assertThat(preferenceOutcomes(task.getTaskId())).isZero();

    // The one-click POST, as RFC 8058 says: no cookie, no login, no CSRF token; none set either.
    HttpResponse<String> unsubscribed = door.oneClick(PublicDoor.pathOf(https), provider);
    assertThat(unsubscribed.statusCode()).isEqualTo(200);
    assertThat(unsubscribed.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(unsubscribed.body()).contains("Wir werden Sie nicht mehr kontaktieren.");

    OutreachFeedback no = await("DO_NOT_CONTACT for " + task.getTaskId()).atMost(WAIT)
        .until(() -> preferenceFeedback(task.getTaskId()), found -> !found.isEmpty()).get(0);
    assertThat(no.getOutcome()).isEqualTo(Outcome.DO_NOT_CONTACT);
    assertThat(no.getCustomerChoice()).isEqualTo(CustomerChoice.NO_CONTACT);
    assertThat(no.getRecordedBy()).isEqualTo("outreach-desk/preferences");
    assertThat(no.getFeedbackId()).isEqualTo("fb-pref-no-contact-" + task.getTaskId());
    assertThat(no.getCaseId()).isEqualTo(task.getCaseId());
    assertThat(no.getChannel()).isEqualTo(Channel.EMAIL);

    // Replayed (and in RFC 8058's other encoding): answered the same, nothing new.
    HttpResponse<String> replayed = door.oneClickMultipart(PublicDoor.pathOf(https), provider);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).contains("Wir werden Sie nicht mehr kontaktieren.");
    assertThat(preferenceOutcomes(task.getTaskId())).isEqualTo(1);
    assertThat(audit(task.getTaskId())).containsExactly("view/page/shown", "no_contact/one_click/recorded",
        "no_contact/one_click/repeated");

    // The processor: the case closes, the customer is not contacted in a later case.
    await("the case of " + task.getTaskId() + " closed").atMost(WAIT).until(
        () -> cases.find(task.getCaseId()).map(CaseStatusView::status).orElse(""), "DECLINED"::equals);
    assertThat(worklist.find(task.getTaskId())).get().extracting(WorklistItem::status).isEqualTo(TaskStatus.DONE);
    String later = cancel(customerId);
    assertThat(later).isNotEqualTo(firstCancellation);
    String laterCase = "case-" + UUID.nameUUIDFromBytes(("case/" + later).getBytes(StandardCharsets.UTF_8));
    await("the later case suppressed").atMost(WAIT).until(
        () -> cases.find(laterCase).map(CaseStatusView::status).orElse(""), "SUPPRESSED"::equals);
    assertThat(writtenTasks(customerId)).extracting(OutreachTask::getCaseId).doesNotContain(laterCase);
    // Exactly one record on the topic, whatever was clicked.
    assertThat(preferenceFeedback(task.getTaskId())).hasSize(1);
  }

  @Test
  void aMailToTheUnsubscribeAddressIsHandledLikeTheOneClick() throws Exception {
    processor.awaitReady(Duration.ofSeconds(120));
    String customerId = "C-prefmail-" + UUID.randomUUID().toString().substring(0, 8);
    publishCustomer(customerId);
    cancel(customerId);
    OutreachTask task = awaitEmailTask(customerId);
    String mailto = links(awaitMessage(task.getTaskId()).getHeader("List-Unsubscribe", null)).get(1);
    String subject = mailto.substring(mailto.indexOf("?subject=") + "?subject=".length());

    // The customer's mail program sends it: to the mailbox the desk reads over IMAP.
    GreenMailUtil.sendTextEmail(MAILBOX, customerId.toLowerCase() + "@example.org", subject, "",
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    // And a customer's ordinary reply to the same mailbox, which is not the desk's to act on.
    GreenMailUtil.sendTextEmail(MAILBOX, customerId.toLowerCase() + "@example.org", "Re: Ihre Entscheidung",
        "unsubscribe-" + "x".repeat(20), new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    OutreachFeedback no = await("DO_NOT_CONTACT by mail for " + task.getTaskId()).atMost(WAIT)
        .until(() -> preferenceFeedback(task.getTaskId()), found -> !found.isEmpty()).get(0);
    assertThat(no.getOutcome()).isEqualTo(Outcome.DO_NOT_CONTACT);
    assertThat(no.getCustomerChoice()).isEqualTo(CustomerChoice.NO_CONTACT);
    assertThat(audit(task.getTaskId())).containsExactly("no_contact/mail/recorded");
    // The handled mail is gone from the mailbox; the reply stays for people to read.
    await("the handled mail removed").atMost(WAIT).until(() -> mailboxSubjects().stream()
        .noneMatch(s -> s.contains(subject)));
    assertThat(mailboxSubjects()).contains("Re: Ihre Entscheidung");
  }

  @Test
  void theFormIsCsrfProtectedAndAReplayedChoiceChangesNothing() {
    OutreachTask task = emailTaskAtTheDesk();
    String token = links.token(task.getTaskId(), Instant.now().plus(Duration.ofDays(60)));
    PublicDoor door = new PublicDoor(port);
    String customer = PublicDoor.newAddress();

    HttpResponse<String> page = door.get("/p/" + token, customer);
    assertThat(page.statusCode()).isEqualTo(200);
    // The salutation is all the page shows of the customer.
    assertThat(page.body()).contains("Sehr geehrte Frau Schmidt,").doesNotContain("Anna").doesNotContain("example.org")
        .doesNotContain("+4930").doesNotContain("Hauptstr").doesNotContain("Glasfaser").doesNotContain(task.getCustomerId());
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    String cookie = PublicDoor.cookies(page);
    assertThat(cookie).startsWith("winback-preferences-csrf=");
    assertThat(page.headers().allValues("Set-Cookie")).allSatisfy(set -> assertThat(set).contains("Path=/p")
        .contains("HttpOnly").doesNotContain("SESSION"));

    // Without the form's token: refused, nothing recorded.
    HttpResponse<String> forged = door.postForm("/p/" + token, customer, null, Map.of("choice", "PHONE"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Bitte laden Sie die Seite neu");
    assertThat(preferenceOutcomes(task.getTaskId())).isZero();

    Map<String, String> form = Map.of("_csrf", PublicDoor.csrfToken(page.body()), "choice", "PHONE",
        "text", "Der Preis war zu hoch.");
    HttpResponse<String> chosen = door.postForm("/p/" + token, customer, cookie, form);
    assertThat(chosen.statusCode()).isEqualTo(200);
    assertThat(chosen.body()).contains("Wir rufen Sie an.");
    HttpResponse<String> replayed = door.postForm("/p/" + token, customer, cookie, form);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).contains("Wir rufen Sie an.");
    // Another wish after the first one: declined, the first one stands.
    HttpResponse<String> other = door.postForm("/p/" + token, customer, cookie,
        Map.of("_csrf", PublicDoor.csrfToken(page.body()), "choice", "IN_PERSON"));
    assertThat(other.body()).contains("Ihre Antwort liegt uns bereits vor").contains("Wir rufen Sie an.");

    assertThat(preferenceOutcomes(task.getTaskId())).isEqualTo(1);
    assertThat(audit(task.getTaskId())).containsExactly("view/page/shown", "phone/page/recorded", "phone/page/repeated",
        "in_person/page/declined");
    OutreachFeedback wish = await("the wish on the topic").atMost(WAIT)
        .until(() -> preferenceFeedback(task.getTaskId()), found -> !found.isEmpty()).get(0);
    assertThat(wish.getOutcome()).isEqualTo(Outcome.REACHED);
    assertThat(wish.getCustomerChoice()).isEqualTo(CustomerChoice.PHONE);
    // The free text travels sealed with the customer's key, never in the clear.
    assertThat(wish.getFeedbackText()).isNull();
    assertThat(wish.getSealed()).isNotNull();

    // "No further contact" is still honoured after the wish.
    HttpResponse<String> no = door.postForm("/p/" + token, customer, cookie,
        Map.of("_csrf", PublicDoor.csrfToken(page.body()), "choice", "NO_CONTACT"));
    assertThat(no.body()).contains("Wir werden Sie nicht mehr kontaktieren.");
    assertThat(preferenceOutcomes(task.getTaskId())).isEqualTo(2);
  }

  @Test
  void tamperedExpiredUnknownAndErasedLinksGetOnePolitePageThatSaysNoMore() {
    OutreachTask task = emailTaskAtTheDesk();
    OutreachTask erased = emailTaskAtTheDesk();
    customers.erase(erased.getCustomerId(), Instant.now());
    String valid = links.token(task.getTaskId(), Instant.now().plus(Duration.ofDays(60)));
    char last = valid.charAt(valid.length() - 1);
    List<String> refused = List.of(
        valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A'),
        links.token(task.getTaskId(), Instant.now().minusSeconds(1)),
        links.token("task-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(1))),
        links.token(erased.getTaskId(), Instant.now().plus(Duration.ofDays(1))),
        "not-a-token");
    PublicDoor door = new PublicDoor(port);
    List<String> bodies = new ArrayList<>();
    for (String token : refused) {
      String address = PublicDoor.newAddress();
      for (HttpResponse<String> answer : List.of(door.get("/p/" + token, address),
          door.get("/p/" + token + "/unsubscribe", address), door.oneClick("/p/" + token + "/unsubscribe", address))) {
        assertThat(answer.statusCode()).as("%s %s", answer.request().method(), answer.uri()).isEqualTo(404);
        bodies.add(answer.body());
      }
    }
    assertThat(bodies).allSatisfy(body -> assertThat(body).contains("Dieser Link funktioniert nicht mehr")
        .contains("This link no longer works").doesNotContain("Schmidt")).containsOnly(bodies.get(0));
    assertThat(preferenceOutcomes(task.getTaskId()) + preferenceOutcomes(erased.getTaskId())).isZero();
    // The valid one still works.
    assertThat(door.get("/p/" + valid, PublicDoor.newAddress()).statusCode()).isEqualTo(200);
  }

  @Test
  void aFloodIsThrottledPerLinkAndPerAddressPolitely() {
    OutreachTask task = emailTaskAtTheDesk();
    String token = links.token(task.getTaskId(), Instant.now().plus(Duration.ofDays(60)));
    PublicDoor door = new PublicDoor(port);

    // One link from many addresses: the link's bucket empties.
    List<Integer> perLink = new ArrayList<>();
    for (int i = 0; i < PER_TOKEN + 3; i++) {
      perLink.add(door.get("/p/" + token, "203.0.113." + (i + 1)).statusCode());
    }
    assertThat(perLink.subList(0, PER_TOKEN)).containsOnly(200);
    assertThat(perLink.subList(PER_TOKEN, perLink.size())).containsOnly(429);

    // One address trying many links (guessing): its bucket empties, whatever the tokens.
    String guesser = "192.0.2.77";
    List<HttpResponse<String>> guesses = new ArrayList<>();
    for (int i = 0; i < PER_ADDRESS + 3; i++) {
      guesses.add(door.get("/p/guess" + i, guesser));
    }
    assertThat(guesses.subList(0, PER_ADDRESS)).extracting(HttpResponse::statusCode).containsOnly(404);
    HttpResponse<String> throttled = guesses.get(PER_ADDRESS);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(throttled.body()).contains("Einen Moment bitte").contains("One moment, please");
    // A one-click POST from that address is throttled too: nothing recorded.
    assertThat(door.oneClick("/p/" + token + "/unsubscribe", guesser).statusCode()).isEqualTo(429);
    assertThat(preferenceOutcomes(task.getTaskId())).isZero();
  }

  @Test
  void thePreferenceMetricHasEveryActionAndResultFromStartUp() {
    String scrape = new PublicDoor(port).get("/actuator/prometheus", null).body();
    for (String action : List.of("view", "no_contact", "written_only", "phone", "in_person", "feedback")) {
      for (String result : List.of("shown", "recorded", "repeated", "declined", "invalid", "throttled")) {
        assertThat(scrape).as("%s %s", action, result).containsPattern("winback_desk_preference_actions_total\\{[^}]*"
            + "action=\"" + action + "\"[^}]*result=\"" + result + "\"[^}]*\\} ");
      }
    }
    assertThat(scrape).containsPattern(
        "winback_desk_preference_actions_total\\{[^}]*action=\"written_only\"[^}]*result=\"declined\"[^}]*\\} 0\\.0");
  }

  // ---- the world ------------------------------------------------------------------------------

  /**
   * An email task as the processor writes it now (sealed with the customer's key, which is on
   * winback.keys.v1), due in a month, at the desk; its customer's consent known there.
   */
  private OutreachTask emailTaskAtTheDesk() {
    String id = "t-pref-" + UUID.randomUUID().toString().substring(0, 8);
    OutreachTask task = DeskWorld.task(id, "C-" + id, Channel.EMAIL, Instant.now().plus(Duration.ofDays(30))).build();
    DeskWorld world = new DeskWorld(KafkaTestBroker.bootstrapServers());
    world.publishCustomers(List.of(DeskWorld.customer(task.getCustomerId()).build()));
    world.publishSealedTasks(List.of(task));
    await("task " + id + " at the desk, its customer known").atMost(WAIT).until(() ->
        worklist.find(id).isPresent() && customers.find(task.getCustomerId()).isPresent());
    return task;
  }

  private void publishCustomer(String customerId) {
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), Topics.RELATIONSHIPS.keySerde().serializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer(), List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(),
            customerId, DeskWorld.customer(customerId).setCustomerSince(LocalDate.now().minusYears(2)).build())));
    await("the customer's consent at the desk").atMost(WAIT).until(() -> customers.find(customerId).isPresent());
  }

  /** Billing: the customer cancelled just now; returns the event id. */
  private static String cancel(String customerId) {
    String eventId = "evt-" + UUID.randomUUID();
    CancellationEvent cancellation = CancellationEvent.newBuilder().setEventId(eventId)
        .setType(CancellationType.CANCELLED).setCustomerId(customerId).setContractId("K-" + UUID.randomUUID())
        .setProduct("Glasfaser 250").setOccurredAt(Instant.now()).setEffectiveAt(LocalDate.now().plusMonths(3))
        .setReason(CancellationReason.PRICE).setReasonText(null).setMonthlyRevenue(new BigDecimal("49.90")).build();
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), Topics.CANCELLATIONS.keySerde().serializer(),
        Topics.CANCELLATIONS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.CANCELLATIONS.name(), customerId, cancellation)));
    return eventId;
  }

  private static List<OutreachTask> writtenTasks(String customerId) {
    return TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.TASKS_WRITTEN.name(),
            new StringDeserializer(), Topics.TASKS_WRITTEN.valueSerde().deserializer())
        .stream().filter(record -> customerId.equals(record.key())).map(ConsumerRecord::value).toList();
  }

  private static OutreachTask awaitEmailTask(String customerId) {
    OutreachTask task = await("an email task for " + customerId).atMost(WAIT)
        .until(() -> writtenTasks(customerId), found -> !found.isEmpty() || !processor.isAlive()).get(0);
    assertThat(processor.isAlive()).as("the processor runs; its log:\n%s", processor.logTail(40)).isTrue();
    assertThat(task.getChannel()).isEqualTo(Channel.EMAIL);
    return task;
  }

  private static MimeMessage awaitMessage(String taskId) {
    String messageId = Mailer.messageId(taskId);
    return await("the email of " + taskId).atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> Arrays.stream(mail.getReceivedMessages()).filter(message -> {
          try {
            return messageId.equals(message.getMessageID());
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        }).toList(), found -> !found.isEmpty()).get(0);
  }

  private static List<String> links(String header) {
    List<String> found = new ArrayList<>();
    Matcher matcher = LINK.matcher(String.valueOf(header));
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** What the inbound mailbox holds now (not counting mails flagged deleted). */
  private static List<String> mailboxSubjects() throws Exception {
    List<String> subjects = new ArrayList<>();
    for (StoredMessage message : mail.getManagers().getImapHostManager()
        .getInbox(mail.getUserManager().getUserByEmail(MAILBOX)).getNonDeletedMessages()) {
      subjects.add(message.getMimeMessage().getSubject());
    }
    return subjects;
  }

  private static List<OutreachFeedback> preferenceFeedback(String taskId) {
    return TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.FEEDBACK.name(), new StringDeserializer(),
            Topics.FEEDBACK.valueSerde().deserializer()).stream().map(ConsumerRecord::value)
        .filter(feedback -> taskId.equals(feedback.getTaskId())
            && "outreach-desk/preferences".equals(feedback.getRecordedBy())).toList();
  }

  /** The customer's choices the desk recorded for the task (its outbox, published or waiting). */
  private int preferenceOutcomes(String taskId) {
    return db.sql("SELECT COUNT(*) FROM feedback_outbox WHERE task_id = :id AND feedback_id LIKE 'fb-pref-%'")
        .param("id", taskId).query(Integer.class).single();
  }

  private List<String> audit(String taskId) {
    return db.sql("SELECT action || '/' || via || '/' || result FROM preference_action WHERE task_id = :id ORDER BY id")
        .param("id", taskId).query(String.class).list();
  }
}
