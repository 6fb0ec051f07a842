package io.winback.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.winback.desk.DeskProperties;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.people.People;
import io.winback.desk.preferences.PreferenceSettings;
import io.winback.desk.preferences.PreferenceUrls;
import io.winback.desk.preferences.PreferenceWiring;
import io.winback.desk.security.CurrentUsers;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.consent.CrmFeed;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.db.Timestamps;
import io.winback.desk.mail.SentEmail;
import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.metrics.DeskMetrics;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.outbox.FeedbackRelay;
import io.winback.desk.outbox.FeedbackSealer;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.privacy.KeyRingHealthIndicator;
import io.winback.desk.privacy.TaskOpener;
import io.winback.events.CustomerKey;
import io.winback.schemas.privacy.FeedbackSeals;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.winback.desk.security.SecurityConfig;
import io.winback.desk.tasks.Outcomes;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.reports.ReportQueries;
import io.winback.desk.reports.Reports;
import io.winback.desk.tasks.TaskActions;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CancellationReason;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.WinbackCase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The worklist pages through MockMvc with the real security rules, templates, messages, TaskActions,
 * a real PostgreSQL (a database of its own on the test server) and the outbox relay publishing to
 * the real test broker. No listeners, no mail: a test of the web layer on the desk's real state
 * (the browser IT covers the round trip through the processor).
 */
@SpringBootTest(classes = WorklistPagesTest.WebSlice.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
        "winback.desk.max-text-length=200",
        "logging.level.org.springframework.security=INFO"})
@ActiveProfiles("embedded") // its demo users
class WorklistPagesTest {

  static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
  static final String SCRIPT = "<script>alert('x')</script>";

  /**
   * The web layer and what it stands on, without Kafka's listeners or mail. A plain @Configuration, not a
   * @SpringBootConfiguration: other tests' search for the application's configuration must not find
   * it, and as an inner class of a test their component scans skip it.
   */
  @Configuration
  @EnableAutoConfiguration(exclude = {KafkaAutoConfiguration.class, KafkaMetricsAutoConfiguration.class,
      MailSenderAutoConfiguration.class, MailSenderValidatorAutoConfiguration.class,
      MailHealthContributorAutoConfiguration.class})
  @EnableConfigurationProperties({DeskProperties.class, PreferenceSettings.class})
  // Like @SpringBootApplication: TypeExcludeFilter keeps test classes (and their inner configurations) out.
  @ComponentScan(basePackageClasses = WebConfig.class,
      excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
  @Import({SecurityConfig.class, WorklistRepository.class, TaskActions.class, Outcomes.class, Suppression.class,
      ConsentCheck.class, CustomerRepository.class, CrmFeed.class, CaseStatusRepository.class,
      SentEmailRepository.class, FeedbackOutbox.class, FeedbackRelay.class, DeskMetrics.class, People.class,
      CurrentUsers.class, CustomerKeys.class, TaskOpener.class, FeedbackSealer.class, KeyRingHealthIndicator.class,
      PreferenceWiring.class, PreferenceUrls.class, Reports.class, ReportQueries.class,
      io.winback.desk.reports.ReportReadModel.class})
  static class WebSlice {
    /** The desk's key ring without its feed: the tests put the keys the processor would have written. */
    @Bean
    KeyRing keyRing() {
      return new KeyRing();
    }

    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** The relay's producer, on the real test broker. */
    @Bean
    KafkaTemplate<String, byte[]> feedbackRelayTemplate() {
      return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
          ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()));
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestServer.get().newDatabase("pages").register(registry);
  }

  @Autowired
  WebApplicationContext context;

  @Autowired
  io.winback.desk.reports.ReportReadModel reports;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  JdbcClient db;

  @Autowired
  CaseStatusRepository cases;

  @Autowired
  SentEmailRepository sentEmails;

  @Autowired
  CrmFeed feed;

  @Autowired
  KeyRing ring;

  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context)
        .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
        .build();
    for (String table : List.of("task", "case_status", "customer", "crm_feed", "sent_email", "email_attempt",
        "feedback_outbox")) {
      db.sql("DELETE FROM " + table).update();
    }
  }

  // ---- login and language -------------------------------------------------------------------

  @Test
  void loginPageSpeaksGermanToAGermanBrowser() throws Exception {
    mvc.perform(get("/login").header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("lang=\"de\"")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Benutzername")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Passwort")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
  }

  @Test
  void loginPageSpeaksEnglishToAnEnglishBrowserAndToEveryoneElse() throws Exception {
    for (String browser : List.of("en-GB,en;q=0.9", "fr-FR,fr;q=0.9")) {
      mvc.perform(get("/login").header("Accept-Language", browser))
          .andExpect(status().isOk())
          .andExpect(content().string(org.hamcrest.Matchers.containsString("lang=\"en\"")))
          .andExpect(content().string(org.hamcrest.Matchers.containsString("User name")))
          .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
    }
  }

  @Test
  void theLanguageSwitchWinsOverTheBrowserAndIsRemembered() throws Exception {
    MvcResult switched = mvc.perform(get("/login").param("lang", "de").header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(cookie().value(DeskLocales.COOKIE, "de"))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Benutzername")))
        .andReturn();
    mvc.perform(get("/login").header("Accept-Language", "en").cookie(switched.getResponse().getCookies()))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Benutzername")));
    // A language the desk does not speak is not taken.
    mvc.perform(get("/login").param("lang", "fr").header("Accept-Language", "de"))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("lang=\"de\"")));
  }

  @Test
  void aWrongPasswordIsRefusedWithAMessage() throws Exception {
    mvc.perform(formLogin("/login").user("agent").password("wrong"))
        .andExpect(redirectedUrl("/login?error"))
        .andExpect(unauthenticated());
    mvc.perform(get("/login").param("error", "").header("Accept-Language", "de"))
        .andExpect(content().string(org.hamcrest.Matchers.containsString(
            "Benutzername oder Passwort ist nicht korrekt")));
    mvc.perform(get("/login").param("logout", "").header("Accept-Language", "en"))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("You have been logged out.")));
  }

  @Test
  void theRightPasswordLeadsToTheWorklist() throws Exception {
    mvc.perform(formLogin("/login").user("agent").password("agent"))
        .andExpect(redirectedUrl("/worklist"))
        .andExpect(authenticated().withUsername("agent").withRoles("AGENT"));
  }

  @Test
  void pagesNeedALogin() throws Exception {
    for (String page : List.of("/worklist", "/worklist/tasks/t-1", "/outbox")) {
      mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }
  }

  // ---- worklist -----------------------------------------------------------------------------

  @Test
  void theWorklistShowsOwnAndUnassignedTasksByDueDateAndMarksOverdueOnes() throws Exception {
    add(TestTasks.task("t-late", Channel.PHONE, NOW.minus(2, ChronoUnit.HOURS)).build());
    add(TestTasks.task("t-soon", Channel.LETTER, NOW.plus(1, ChronoUnit.DAYS)).build());
    add(TestTasks.task("t-mail", Channel.EMAIL, NOW.plus(1, ChronoUnit.HOURS)).build());
    add(TestTasks.task("t-other", Channel.IN_PERSON, NOW.plus(2, ChronoUnit.DAYS)).setAssignee("jonas").build());

    String page = mvc.perform(get("/worklist").with(user("agent").roles("AGENT")).header("Accept-Language", "de"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("data-task-id=\"t-late\"", "data-task-id=\"t-soon\"")
        .doesNotContain("data-task-id=\"t-mail\"") // email goes out on its own
        .doesNotContain("data-task-id=\"t-other\""); // Jonas's
    assertThat(page.indexOf("t-late")).isLessThan(page.indexOf("t-soon"));
    assertThat(page).containsPattern("class=\"overdue\"[^>]*data-task-id=\"t-late\"|data-task-id=\"t-late\"[^>]*class=\"overdue\"");
    assertThat(page).contains("überfällig", "Telefon", "Brief", "Anna Schmidt", "Feedback");

    String lead = mvc.perform(get("/worklist").with(user("lead").roles("AGENT", "LEAD")))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(lead).contains("data-task-id=\"t-other\"", "assigned to Jonas Weber");

    String letters = mvc.perform(get("/worklist").param("channel", "LETTER").with(user("agent").roles("AGENT")))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(letters).contains("data-task-id=\"t-soon\"").doesNotContain("data-task-id=\"t-late\"");
  }

  @Test
  void theStatusFilterDefaultsToOpenTasks() throws Exception {
    add(TestTasks.task("t-open", Channel.PHONE, NOW).build());
    add(TestTasks.task("t-done", Channel.PHONE, NOW).build());
    worklist.finish("t-done", List.of(TaskStatus.OPEN), TaskStatus.DONE, "WON_BACK", null, NOW);

    assertThat(page("/worklist", "agent")).contains("t-open").doesNotContain("t-done");
    assertThat(page("/worklist?status=DONE", "agent")).contains("t-done").doesNotContain("t-open");
    assertThat(page("/worklist?status=ALL", "agent")).contains("t-done", "t-open");
    assertThat(page("/worklist?status=NONSENSE&channel=FAX", "agent")).contains("t-open");
  }

  // ---- task page ----------------------------------------------------------------------------

  @Test
  void theTaskPageShowsContextRationaleScriptGuidanceAndCaseStatus() throws Exception {
    add(TestTasks.task("t-1", Channel.PHONE, NOW.plus(1, ChronoUnit.DAYS)).build());
    cases.save(caseState("case-t-1", CaseStatus.OPEN));

    String de = mvc.perform(get("/worklist/tasks/t-1").with(user("agent").roles("AGENT")).header("Accept-Language", "de"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(de).contains("Anna Schmidt", "+4930123456", "Premium", "Preis", "Zu teuer geworden", "Glasfaser 250",
        "31.01.2027", "01.03.2015", "11 Jahre", "Zusammenarbeit bedanken",
        "Vorbereitung", "Offene Fragen", "Respekt", "Was vermieden werden sollte", "Verständnis statt Vorwürfe",
        "Ein Nein respektieren", "Professionell bleiben", "Stand des Falls", "data-status=\"OPEN\"",
        "Aufgabe übernehmen", "Ergebnis erfassen", "maxlength=\"200\"", "name=\"_csrf\"");
    // Why this channel, in German by rule id; a rule id without a German line keeps the processor's text.
    assertThat(de).contains("Hat auf persönliche Ansprache bisher gut reagiert: Anruf",
        "Einwilligung für Anrufe, Telefonnummer liegt vor", "a rule this desk does not know yet",
        "prefer.phone.positive-response").doesNotContain("responded well to personal approaches before");
    // Phone: the outcomes of a call, not SENT; no reassign form for an agent.
    assertThat(de).contains("value=\"FEEDBACK_RECEIVED\"", "value=\"NOT_REACHED\"").doesNotContain("value=\"SENT\"")
        .doesNotContain("reassign-form");

    String en = mvc.perform(get("/worklist/tasks/t-1").with(user("agent").roles("AGENT")).header("Accept-Language", "en"))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(en).contains("Preparation", "Open questions", "What to avoid", "Case status", "Claim task", "11 years",
        "responded well to personal approaches before: phone", "consent for phone calls, phone number on file")
        .doesNotContain("Einwilligung für Anrufe");
  }

  @Test
  void writtenTasksGetTheWritingAdviceAndInPersonTasksTheMeetingAdvice() throws Exception {
    add(TestTasks.task("t-letter", Channel.LETTER, NOW).build());
    add(TestTasks.task("t-meet", Channel.IN_PERSON, NOW).setGoal(io.winback.events.Goal.WIN_BACK)
        .setAssignee("agent").build());
    assertThat(page("/worklist/tasks/t-letter", "agent")).contains("Tonalität", "Klarheit", "Angebot",
        "value=\"SENT\"", "letter.pdf", "Ihre Entscheidung – ein offenes Gespräch");
    assertThat(page("/worklist/tasks/t-meet", "agent")).contains("Ort wählen", "Empathie zeigen", "Ziele formulieren",
        "Ziel dieser Aufgabe: Zurückgewinnen", "value=\"MEETING_SCHEDULED\"");
  }

  @Test
  void customerTextIsAlwaysEscaped() throws Exception {
    add(TestTasks.task("t-x", Channel.PHONE, NOW)
        .setContact(TestTasks.contact(SCRIPT))
        .setMessage("Hallo " + SCRIPT)
        .setContext(io.winback.events.CaseContext.newBuilder()
            .setProduct("<b>Glasfaser</b>").setReason(CancellationReason.OTHER).setReasonText(SCRIPT)
            .setEffectiveAt(java.time.LocalDate.parse("2027-01-31")).build())
        .build());
    saveConsent("C-t-x");

    assertThat(page("/worklist", "agent")).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(page("/worklist/tasks/t-x", "agent")).doesNotContain(SCRIPT).doesNotContain("<b>Glasfaser</b>")
        .contains("&lt;script&gt;");

    // A refused outcome comes back with the agent's text in the form: still escaped.
    MvcResult refused = mvc.perform(post("/worklist/tasks/t-x/outcome").with(user("agent").roles("AGENT")).with(csrf())
            .header("Accept-Language", "de").param("outcome", "MEETING_SCHEDULED").param("text", "Kunde sagte: " + SCRIPT))
        .andExpect(redirectedUrl("/worklist/tasks/t-x"))
        .andExpect(flash().attributeExists("notice"))
        .andReturn();
    String again = mvc.perform(get("/worklist/tasks/t-x").with(user("agent").roles("AGENT"))
            .header("Accept-Language", "de").flashAttrs(refused.getFlashMap()))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(again).doesNotContain(SCRIPT).contains("Kunde sagte: &lt;script&gt;",
        "Bitte geben Sie Datum und Uhrzeit des Termins an.");
    assertThat(recordedFeedback()).isEmpty();
  }

  @Test
  void recordingFeedbackPublishesItAndComesBackWithAMessage() throws Exception {
    add(TestTasks.task("t-fb", Channel.PHONE, NOW).build());
    saveConsent("C-t-fb");

    mvc.perform(post("/worklist/tasks/t-fb/outcome").with(user("agent").roles("AGENT")).with(csrf())
            .header("Accept-Language", "de")
            .param("outcome", "FEEDBACK_RECEIVED").param("category", "COMPETITOR")
            .param("text", "Das Angebot der Konkurrenz war günstiger.")
            .param("meetingPlace", "ignored for feedback"))
        .andExpect(redirectedUrl("/worklist/tasks/t-fb"))
        .andExpect(flash().attribute("notice", Notice.success(
            "Ergebnis „Feedback erhalten“ erfasst. Der Stand des Falls folgt, sobald es verarbeitet ist.")));

    List<OutreachFeedback> recorded = recordedFeedback();
    assertThat(recorded).hasSize(1);
    java.util.function.Supplier<OutreachFeedback> sent = () -> recorded.get(0);
    assertThat(sent.get().getOutcome()).isEqualTo(Outcome.FEEDBACK_RECEIVED);
    assertThat(sent.get().getFeedbackCategory()).isEqualTo(CancellationReason.COMPETITOR);
    assertThat(sent.get().getFeedbackText()).isEqualTo("Das Angebot der Konkurrenz war günstiger.");
    assertThat(sent.get().getMeetingPlace()).isNull();
    assertThat(sent.get().getRecordedBy()).isEqualTo("agent");
    assertThat(worklist.find("t-fb").orElseThrow().status()).isEqualTo(TaskStatus.DONE);
    // Published (the notice says so): the outbox keeps it as it went out, the text sealed.
    byte[] stored = db.sql("SELECT payload FROM feedback_outbox").query(byte[].class).single();
    assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("Konkurrenz");
    assertThat(Topics.FEEDBACK.valueSerde().deserializer().deserialize(Topics.FEEDBACK.name(), stored).getSealed())
        .isNotNull();
  }

  @Test
  void aReachedCustomerKeepsTheTaskWorkableAndOnlyTheSharedTablesOutcomesFollow() throws Exception {
    add(TestTasks.task("t-r2", Channel.PHONE, NOW).build());
    saveConsent("C-t-r2");
    mvc.perform(post("/worklist/tasks/t-r2/outcome").with(user("agent").roles("AGENT")).with(csrf())
            .param("outcome", "REACHED"))
        .andExpect(redirectedUrl("/worklist/tasks/t-r2"));
    // Reached: under way (SENT in the processor's table), still in the default worklist, its result follows.
    assertThat(worklist.find("t-r2").orElseThrow().status()).isEqualTo(TaskStatus.SENT);
    assertThat(page("/worklist", "agent")).contains("t-r2");
    assertThat(page("/worklist/tasks/t-r2", "agent")).doesNotContain("value=\"NOT_REACHED\"")
        .contains("value=\"FEEDBACK_RECEIVED\"");

    // Not reached after the customer was reached: the table refuses it, nothing is recorded.
    MvcResult refused = mvc.perform(post("/worklist/tasks/t-r2/outcome").with(user("agent").roles("AGENT"))
            .with(csrf()).header("Accept-Language", "en").param("outcome", "NOT_REACHED"))
        .andReturn();
    assertThat(((Notice) refused.getFlashMap().get("notice")).text()).isEqualTo(
        "This outcome cannot be recorded for the task as it stands (outcome NOT_REACHED for a task in state SENT).");
    assertThat(recordedFeedback()).extracting(OutreachFeedback::getOutcome).containsExactly(Outcome.REACHED);

    mvc.perform(post("/worklist/tasks/t-r2/outcome").with(user("agent").roles("AGENT")).with(csrf())
            .param("outcome", "WON_BACK"))
        .andExpect(redirectedUrl("/worklist/tasks/t-r2"));
    assertThat(worklist.find("t-r2").orElseThrow().status()).isEqualTo(TaskStatus.DONE);
    assertThat(recordedFeedback()).extracting(OutreachFeedback::getOutcome)
        .containsExactly(Outcome.REACHED, Outcome.WON_BACK);
  }

  @Test
  void aMeetingIsRecordedWithItsTimeInTheDesksZone() throws Exception {
    add(TestTasks.task("t-m", Channel.IN_PERSON, NOW).setAssignee("agent").build());
    saveConsent("C-t-m");
    mvc.perform(post("/worklist/tasks/t-m/outcome").with(user("agent").roles("AGENT")).with(csrf())
            .param("outcome", "MEETING_SCHEDULED").param("meetingAt", "2026-12-02T15:30")
            .param("meetingPlace", "Café am Markt"))
        .andExpect(redirectedUrl("/worklist/tasks/t-m"));
    List<OutreachFeedback> recorded = recordedFeedback();
    assertThat(recorded).hasSize(1);
    java.util.function.Supplier<OutreachFeedback> sent = () -> recorded.get(0);
    assertThat(sent.get().getMeetingAt()).isEqualTo(Instant.parse("2026-12-02T14:30:00Z"));
    assertThat(sent.get().getMeetingPlace()).isEqualTo("Café am Markt");
  }

  @Test
  void tooLongATextIsRefusedByTheDesksRule() throws Exception {
    add(TestTasks.task("t-long", Channel.PHONE, NOW).build());
    saveConsent("C-t-long");
    mvc.perform(post("/worklist/tasks/t-long/outcome").with(user("agent").roles("AGENT")).with(csrf())
            .header("Accept-Language", "en")
            .param("outcome", "FEEDBACK_RECEIVED").param("text", "x".repeat(201)))
        .andExpect(redirectedUrl("/worklist/tasks/t-long"))
        .andExpect(flash().attribute("notice", Notice.error("The notes are too long: at most 200 characters.")));
    assertThat(recordedFeedback()).isEmpty();
    assertThat(worklist.find("t-long").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
  }

  @Test
  void theSecondAgentToClaimIsToldWhoWasFirst() throws Exception {
    add(TestTasks.task("t-c", Channel.PHONE, NOW).build());
    saveConsent("C-t-c");
    mvc.perform(post("/worklist/tasks/t-c/claim").with(user("jonas").roles("AGENT")).with(csrf()))
        .andExpect(redirectedUrl("/worklist/tasks/t-c"))
        .andExpect(flash().attribute("notice", Notice.success("You have claimed the task.")));
    mvc.perform(post("/worklist/tasks/t-c/claim").with(user("agent").roles("AGENT")).with(csrf())
            .header("Accept-Language", "de"))
        .andExpect(redirectedUrl("/worklist/tasks/t-c"))
        .andExpect(flash().attribute("notice",
            Notice.error("Diese Aufgabe wurde bereits von Jonas Weber übernommen.")));
    assertThat(worklist.find("t-c").orElseThrow().claimedBy()).isEqualTo("jonas");
    // For the agent it is now Jonas's task, which is none of theirs; a lead sees who works on it.
    mvc.perform(get("/worklist/tasks/t-c").with(user("agent").roles("AGENT"))).andExpect(status().isNotFound());
    assertThat(page("/worklist/tasks/t-c", "lead", "AGENT", "LEAD")).contains("übernommen von Jonas Weber");
  }

  @Test
  void postsWithoutCsrfTokenAreRefused() throws Exception {
    add(TestTasks.task("t-csrf", Channel.PHONE, NOW).build());
    mvc.perform(post("/worklist/tasks/t-csrf/claim").with(user("agent").roles("AGENT")))
        .andExpect(status().isForbidden());
  }

  @Test
  void onlyALeadMayReassign() throws Exception {
    add(TestTasks.task("t-r", Channel.PHONE, NOW).build());
    mvc.perform(post("/worklist/tasks/t-r/reassign").with(user("agent").roles("AGENT")).with(csrf())
            .param("assignee", "agent"))
        .andExpect(status().isForbidden());
    assertThat(worklist.find("t-r").orElseThrow().claimedBy()).isNull();

    assertThat(page("/worklist/tasks/t-r", "lead", "AGENT", "LEAD")).contains("reassign-form",
        "value=\"jonas\"", "Jonas Weber (jonas)");
    mvc.perform(post("/worklist/tasks/t-r/reassign").with(user("lead").roles("AGENT", "LEAD")).with(csrf())
            .header("Accept-Language", "en").param("assignee", "jonas"))
        .andExpect(redirectedUrl("/worklist/tasks/t-r"))
        .andExpect(flash().attribute("notice", Notice.success("The task now belongs to Jonas Weber.")));
    assertThat(worklist.find("t-r").orElseThrow().claimedBy()).isEqualTo("jonas");

    mvc.perform(post("/worklist/tasks/t-r/reassign").with(user("lead").roles("AGENT", "LEAD")).with(csrf())
            .header("Accept-Language", "en").param("assignee", "mallory"))
        .andExpect(flash().attribute("notice", Notice.error("Please choose one of the listed people.")));
  }

  @Test
  void aSuppressedTaskSaysWhyInTheReadersLanguage() throws Exception {
    add(TestTasks.task("t-sup", Channel.PHONE, NOW).build());
    worklist.finish("t-sup", List.of(TaskStatus.OPEN), TaskStatus.SUPPRESSED, "SUPPRESSED",
        ConsentVerdict.noConsentFor(Channel.PHONE), NOW);
    assertThat(page("/worklist/tasks/t-sup", "agent"))
        .contains("Keine Einwilligung des Kunden für diesen Kanal (Telefon).");
    worklist.finish("t-sup", List.of(TaskStatus.SUPPRESSED), TaskStatus.SUPPRESSED, "SUPPRESSED",
        ConsentVerdict.NO_CONSENT_DATA, NOW);
    assertThat(mvc.perform(get("/worklist/tasks/t-sup").with(user("agent").roles("AGENT"))
            .header("Accept-Language", "en")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
        .contains("never reached the desk, so there is no consent to contact them.");
  }

  @Test
  void anUnknownTaskIsA404Page() throws Exception {
    mvc.perform(get("/worklist/tasks/nope").with(user("agent").roles("AGENT")).header("Accept-Language", "de"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Diese Aufgabe gibt es nicht (mehr).")));
    mvc.perform(post("/worklist/tasks/nope/claim").with(user("agent").roles("AGENT")).with(csrf()))
        .andExpect(status().isNotFound());
  }

  @Test
  void theCaseStatusIsAvailableAsJsonForThePagesPoll() throws Exception {
    add(TestTasks.task("t-s", Channel.PHONE, NOW).build());
    mvc.perform(get("/worklist/tasks/t-s/case-status").with(user("agent").roles("AGENT")).accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").doesNotExist())
        .andExpect(jsonPath("$.finalStatus").value(false));
    cases.save(caseState("case-t-s", CaseStatus.FEEDBACK_COLLECTED));
    mvc.perform(get("/worklist/tasks/t-s/case-status").with(user("agent").roles("AGENT"))
            .header("Accept-Language", "de").accept(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.caseId").value("case-t-s"))
        .andExpect(jsonPath("$.status").value("FEEDBACK_COLLECTED"))
        .andExpect(jsonPath("$.label").value("Feedback erfasst"))
        .andExpect(jsonPath("$.finalStatus").value(true));
  }

  // ---- letter and outbox --------------------------------------------------------------------

  @Test
  void aLetterTaskHasAPrintablePdfWithAddressDateAndSubject() throws Exception {
    add(TestTasks.task("t-pdf", Channel.LETTER, NOW).build());
    MvcResult result = mvc.perform(get("/worklist/tasks/t-pdf/letter.pdf").with(user("agent").roles("AGENT")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/pdf"))
        .andReturn();
    byte[] pdf = result.getResponse().getContentAsByteArray();
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    java.nio.file.Files.write(java.nio.file.Path.of("target", "worklist-letter-sample.pdf"), pdf); // to look at
    try (PdfReader reader = new PdfReader(pdf)) {
      assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(1);
      String text = new PdfTextExtractor(reader).getTextFromPage(1);
      assertThat(text).contains("Winback Kundenservice", "Anna Schmidt", "Hauptstr. 1", "10115 Berlin",
          "27. November 2026", "Ihre Entscheidung – ein offenes Gespräch", "Zusammenarbeit bedanken");
      assertThat(text).doesNotContain("DEUTSCHLAND"); // a domestic letter names no country
    }

    add(TestTasks.task("t-phone", Channel.PHONE, NOW).build());
    mvc.perform(get("/worklist/tasks/t-phone/letter.pdf").with(user("agent").roles("AGENT")))
        .andExpect(status().isNotFound());
  }

  // ---- sealed tasks ---------------------------------------------------------------------------

  @Test
  void aSealedTaskIsShownOpenedWhileTheKeyExistsAndAsErasedTheMomentItIsGone() throws Exception {
    addSealed(TestTasks.task("t-seal", Channel.PHONE, NOW).build());
    saveConsent("C-t-seal");
    // The database holds the seal, never the opened fields.
    assertThat(storedRow("t-seal")).doesNotContain("Schmidt", "4930123456", "Zu teuer geworden", "Zusammenarbeit");

    assertThat(page("/worklist/tasks/t-seal", "agent")).contains("Anna Schmidt", "+4930123456", "Zu teuer geworden",
        "Zusammenarbeit bedanken");
    assertThat(page("/worklist", "agent")).contains("Anna Schmidt");

    eraseKey("C-t-seal");
    String erased = page("/worklist/tasks/t-seal", "agent");
    assertThat(erased).contains("(Kunde gelöscht)", "Das CRM hat diesen Kunden gelöscht")
        .doesNotContain("Schmidt", "4930123456", "Zu teuer geworden", "Zusammenarbeit");
    assertThat(page("/worklist", "agent")).contains("(Kunde gelöscht)").doesNotContain("Anna Schmidt");
  }

  @Test
  void aSealedTaskWhoseKeyHasNotArrivedYetIsShownWithoutPersonalDataAndSaysSo() throws Exception {
    io.winback.events.OutreachTask task = TestTasks.task("t-nokey", Channel.LETTER, NOW).build();
    // Sealed with a key the desk's ring has not read yet.
    assertThat(worklist.addTask(TaskSeals.seal(task, Sealing.newKey(1)), 0, NOW)).isTrue();
    saveConsent("C-t-nokey");

    String page = page("/worklist/tasks/t-nokey", "agent");
    assertThat(page).contains("(Name noch nicht verfügbar)", "noch nicht angekommen")
        .doesNotContain("Schmidt", "Hauptstr", "Zusammenarbeit", "letter.pdf");
    mvc.perform(get("/worklist/tasks/t-nokey/letter.pdf").with(user("agent").roles("AGENT")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aSealedLettersPdfIsOpenedForThePdfOnly() throws Exception {
    addSealed(TestTasks.task("t-spdf", Channel.LETTER, NOW).build());
    byte[] pdf = mvc.perform(get("/worklist/tasks/t-spdf/letter.pdf").with(user("agent").roles("AGENT")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    try (PdfReader reader = new PdfReader(pdf)) {
      assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("Anna Schmidt", "Hauptstr. 1");
    }
    eraseKey("C-t-spdf");
    mvc.perform(get("/worklist/tasks/t-spdf/letter.pdf").with(user("agent").roles("AGENT")))
        .andExpect(status().isNotFound());
  }

  @Test
  void theOutboxOpensTheAddressOfASealedTasksEmailFromTheTask() throws Exception {
    addSealed(TestTasks.task("t-smail", Channel.EMAIL, NOW).build());
    sentEmails.record(new SentEmail("t-smail", "<t-smail@winback.local>", SentEmailRepository.SEALED, null, "de", NOW,
        "desk-1", false));
    assertThat(page("/outbox", "lead", "AGENT", "LEAD")).contains("anna.schmidt@example.org",
        "Ihre Entscheidung – ein offenes Gespräch");
    eraseKey("C-t-smail");
    assertThat(page("/outbox", "lead", "AGENT", "LEAD")).contains("(erased)").doesNotContain("anna.schmidt");
  }

  @Test
  void theOutboxListsTheSentEmails() throws Exception {
    add(TestTasks.task("t-mail", Channel.EMAIL, NOW).build());
    sentEmails.record(new SentEmail("t-mail", "<t-mail@winback.local>", "anna.schmidt@example.org",
        "Ihre Entscheidung – ein offenes Gespräch", "de", NOW, "desk-1", false));
    mvc.perform(get("/outbox").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
    assertThat(page("/outbox", "lead", "AGENT", "LEAD")).contains("anna.schmidt@example.org", "&lt;t-mail@winback.local&gt;",
        "Ihre Entscheidung – ein offenes Gespräch", "Postausgang", "Deutsch");
  }

  @Test
  void theReportsAreALeadsInBothLanguagesWithTheCasesBehindEachFigureAndACsv() throws Exception {
    db.sql("DELETE FROM report_case").update();
    // Empty: every figure zero, the page still whole.
    assertThat(page("/reports", "lead", "AGENT", "LEAD")).contains("Trichter", "Kündigungen", "weekly-chart");
    reports.caseChanged(WinbackCase.newBuilder(caseState("case-r1", CaseStatus.WON_BACK))
        .setOpenedAt(NOW.minus(2, ChronoUnit.DAYS)).setClosedAt(NOW).setUpdatedAt(NOW)
        .setTasks(List.of(new io.winback.events.CaseTask("t-r1", Channel.PHONE, io.winback.events.TaskState.DONE, 1,
            NOW)))
        .setOutcomes(List.of(new io.winback.events.OutcomeEntry("f-r1", "t-r1", Outcome.WON_BACK,
            CancellationReason.PRICE, NOW.minus(1, ChronoUnit.DAYS)))).build(), NOW);

    mvc.perform(get("/reports").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
    mvc.perform(get("/reports/cases").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
    mvc.perform(get("/reports/report.csv").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());
    String de = page("/reports?period=month", "lead", "AGENT", "LEAD");
    assertThat(de).contains("Zurückgewonnen", "Rückgewinnungsquote", "Zu wenig Daten für eine Aussage",
        "/reports/cases?period=custom&amp;from=2026-11-01&amp;to=2026-11-30&amp;figure=status:WON_BACK",
        "/webjars/chart.js/dist/chart.umd.min.js");
    String en = mvc.perform(get("/reports?period=month&lang=en").with(user("lead").roles("AGENT", "LEAD")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(en).contains("Funnel", "Win-back rate", "Not enough data to tell");
    String cases = page("/reports/cases?period=month&figure=status:WON_BACK", "lead", "AGENT", "LEAD");
    assertThat(cases).contains("case-r1", "data-count=\"1\"");
    String csv = mvc.perform(get("/reports/report.csv?period=month").with(user("lead").roles("AGENT", "LEAD")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(csv).contains("funnel,,,won_back,1", "feedback_categories,category,PRICE,answers,1");
    mvc.perform(get("/reports?period=year").with(user("lead").roles("AGENT", "LEAD")))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/reports/cases?period=month&figure=status:LOST").with(user("lead").roles("AGENT", "LEAD")))
        .andExpect(status().isBadRequest());
    // The chart's library, from its WebJar, for anyone (no data in it).
    mvc.perform(get("/webjars/chart.js/dist/chart.umd.min.js")).andExpect(status().isOk());
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A task at the desk; its customer has a key on the ring, as the processor writes one for every task. */
  private void add(io.winback.events.OutreachTask task) {
    if (ring.state(task.getCustomerId()) == KeyRing.State.UNKNOWN) {
      key(task.getCustomerId());
    }
    assertThat(worklist.addTask(task, 0, NOW)).isTrue();
  }

  /** A sealed task (OutreachTask v2) as the processor writes it, with the customer's key on the ring. */
  private void addSealed(io.winback.events.OutreachTask task) {
    assertThat(worklist.addTask(TaskSeals.seal(task, key(task.getCustomerId())), 0, NOW)).isTrue();
  }

  /** A fresh key of the customer, on the desk's ring as it would arrive from winback.keys.v1. */
  private KeyMaterial key(String customerId) {
    KeyMaterial key = Sealing.newKey(1);
    ring.apply(customerId, CustomerKey.newBuilder().setCustomerId(customerId)
        .setKey(java.nio.ByteBuffer.wrap(key.bytes())).setKeyVersion(1).setCreatedAt(NOW).build());
    return key;
  }

  /** The CRM erased the customer: the processor overwrote the key with a record without it. */
  private void eraseKey(String customerId) {
    ring.apply(customerId, CustomerKey.newBuilder().setCustomerId(customerId).setKey(null).setKeyVersion(1)
        .setCreatedAt(NOW).setErasedAt(NOW).build());
  }

  /** The task's row as psql would print it, every column. */
  private String storedRow(String taskId) {
    return db.sql("SELECT t::text FROM task t WHERE task_id = :id").param("id", taskId).query(String.class).single();
  }

  /** The CRM's record of the customer at the desk, allowing every channel; the desk's copy is current. */
  private void saveConsent(String customerId) {
    db.sql("""
        INSERT INTO customer (customer_id, consent_email, consent_phone, consent_letter, consent_whatsapp,
          consent_visit, do_not_contact, timezone, updated_at) VALUES (:id, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE,
          'Europe/Berlin', :now)""").param("id", customerId).param("now", Timestamps.of(NOW)).update();
    feed.caughtUp(0, NOW, "test");
  }

  /** The outcomes the desk recorded in its outbox, oldest first, free text opened where it is sealed. */
  private List<OutreachFeedback> recordedFeedback() {
    var deserializer = Topics.FEEDBACK.valueSerde().deserializer();
    return db.sql("SELECT payload FROM feedback_outbox ORDER BY seq")
        .query((rs, n) -> FeedbackSeals.open(deserializer.deserialize(Topics.FEEDBACK.name(), rs.getBytes("payload")),
            ring).value()).list();
  }

  private String page(String path, String username, String... roles) throws Exception {
    return mvc.perform(get(path).with(user(username).roles(roles.length == 0 ? new String[] {"AGENT"} : roles))
            .header("Accept-Language", "de"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static WinbackCase caseState(String caseId, CaseStatus status) {
    return WinbackCase.newBuilder()
        .setCaseId(caseId).setCustomerId("C-x").setCancellationEventId("evt-x").setStatus(status)
        .setStatusReason(null).setGoal(null).setTasks(List.of()).setOutcomes(List.of())
        .setOpenedAt(NOW).setClosedAt(null).setUpdatedAt(NOW).build();
  }
}
