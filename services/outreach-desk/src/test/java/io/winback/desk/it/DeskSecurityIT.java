package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.consent.CrmFeed;
import io.winback.desk.db.Timestamps;
import io.winback.desk.preferences.PreferenceLinks;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.testsupport.Chromium;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.oidc.AppSession;
import io.winback.testsupport.oidc.OidcTestProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every door of the desk with single sign-on, as production runs it: a real OpenID Connect
 * provider (test-support's Spring Authorization Server) logs people in to the pages through its
 * own login page, and issues the bearer tokens of machine clients for /api. A headless Chromium
 * logs in and out; an access matrix tries every endpoint the running desk maps, as everyone.
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DeskSecurityIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String WEB_CLIENT = "desk-security-it";
  private static final String AUDIENCE = "winback-desk";
  private static final Duration TTL = Duration.ofMinutes(15);
  private static final int SMTP_PORT = ServiceJar.freePort();
  static final String TEST_KEY = java.util.Base64.getEncoder().encodeToString(
      "desk-security-it-preference-key-32+bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  static final OidcTestProvider OIDC = OidcTestProvider.shared()
      .webClient(WEB_CLIENT, "desk-security-secret", "http://127.0.0.1/login/oauth2/code/winback",
          "http://127.0.0.1/login?logout", AUDIENCE)
      .machineClient("cc-agent-" + RUN, "secret", List.of("AGENT"), AUDIENCE, TTL)
      .machineClient("cc-agent2-" + RUN, "secret", List.of("AGENT"), AUDIENCE, TTL)
      .machineClient("cc-lead-" + RUN, "secret", List.of("LEAD", "AGENT"), AUDIENCE, TTL)
      .machineClient("cc-opsviewer-" + RUN, "secret", List.of("OPS_VIEWER"), AUDIENCE, TTL)
      .machineClient("cc-opsadmin-" + RUN, "secret", List.of("OPS_ADMIN", "OPS_VIEWER"), AUDIENCE, TTL)
      .machineClient("cc-dpo-" + RUN, "secret", List.of("DATA_PROTECTION"), AUDIENCE, TTL)
      .expiredMachineClient("cc-expired-" + RUN, "secret", List.of("LEAD", "AGENT"), AUDIENCE)
      .machineClient("cc-elsewhere-" + RUN, "secret", List.of("LEAD", "AGENT"), "winback-monitor", TTL);

  private static GreenMail smtp;

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  CaseStatusRepository cases;

  @Autowired
  JdbcClient db;

  @Autowired
  CrmFeed feed;

  @Autowired
  PreferenceLinks links;

  @BeforeAll
  static void startSmtp() {
    OIDC.user("dpo", "dpo", List.of("DATA_PROTECTION"), Map.of("name", "Dana Datenschutz", "email",
        "dpo@winback.test"));
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.consumer.group-id", () -> "desk-security-it-" + RUN);
    PostgresTestServer.get().newDatabase("desk_security").register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    // Single sign-on exactly as the README tells an operator to configure it; no embedded profile.
    registry.add("spring.security.oauth2.client.provider.winback.issuer-uri", OIDC::issuer);
    registry.add("spring.security.oauth2.client.provider.winback.user-name-attribute", () -> "preferred_username");
    registry.add("spring.security.oauth2.client.registration.winback.client-id", () -> WEB_CLIENT);
    registry.add("spring.security.oauth2.client.registration.winback.client-secret", () -> "desk-security-secret");
    registry.add("spring.security.oauth2.client.registration.winback.scope", () -> "openid,profile,email");
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OIDC::issuer);
    registry.add("winback.security.roles-claim", () -> OIDC.roleClaim().path());
    // The preference links, as an operator sets them (README): the public address and a signing key.
    registry.add("winback.desk.preferences.public-base-url", () -> "https://preferences.winback.test");
    registry.add("winback.desk.preferences.current-key", () -> "k1");
    registry.add("winback.desk.preferences.keys[0].id", () -> "k1");
    registry.add("winback.desk.preferences.keys[0].secret", () -> TEST_KEY);
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  // ---- people, in a browser -------------------------------------------------------------------

  @Test
  void peopleLogInOnTheProvidersOwnPageSeeWhatTheirRoleAllowsAndLogOutAtTheProvider() throws Exception {
    String open = task(Channel.PHONE, null, null).getTaskId();
    String jonasVisit = task(Channel.IN_PERSON, "am-1", null).getTaskId();
    WebDriver browser = Chromium.startHeadless(Files.createTempDirectory("desk-sso-browser"));
    try {
      browser.get(base() + "/worklist?lang=en");
      logInOnTheProvidersPage(browser, "agent");
      waitFor(browser).until(ExpectedConditions.urlContains(base() + "/worklist"));
      String page = browser.getPageSource();
      assertThat(page).contains("Alex Agent").contains(open).doesNotContain(jonasVisit);
      assertThat(browser.findElements(By.id("nav-outbox"))).isEmpty(); // the outbox is for leads

      // Logging out ends the session at the provider too: the next visit asks for the password again.
      browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
      assertThat(browser.getCurrentUrl()).startsWith(OIDC.issuer());
      browser.get(base() + "/worklist?lang=en");
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));

      logInOnTheProvidersPage(browser, "jonas");
      waitFor(browser).until(ExpectedConditions.urlContains(base() + "/worklist"));
      assertThat(browser.getPageSource()).contains("Jonas Weber").contains(jonasVisit);
      browser.get(base() + "/worklist/tasks/" + jonasVisit + "?lang=en");
      assertThat(browser.findElement(By.id("task-status")).getText()).isEqualTo("Open");
    } finally {
      browser.quit();
    }
  }

  private static void logInOnTheProvidersPage(WebDriver browser, String user) {
    waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    assertThat(browser.getCurrentUrl()).as("the provider's own login page").startsWith(OIDC.issuer());
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private static WebDriverWait waitFor(WebDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  // ---- the access matrix --------------------------------------------------------------------

  /** Who knocks. On the pages a person's session; on /api and the actuator a machine client's token. */
  enum Who { ANONYMOUS, AGENT, ANOTHER_AGENT, LEAD, OPS_VIEWER, OPS_ADMIN, DATA_PROTECTION, EXPIRED_TOKEN,
    OTHER_AUDIENCE }

  private static final int OK = 200;
  private static final int REDIRECT = 302;
  private static final int LOGIN = 302; // the login (pages) ...
  private static final int UNAUTHORIZED = 401; // ... or a challenge (APIs)
  private static final int FORBIDDEN = 403;
  private static final int NOT_FOUND = 404;
  private static final int CONFLICT = 409;

  /**
   * The expected answer per endpoint (method and pattern, as the desk maps it) and caller. The task
   * in a path is claimed by AGENT; ANOTHER_AGENT may not see it; the outbox, reassigning and the
   * reports are a LEAD's; OPS roles have no business at the desk; DATA_PROTECTION reads the subject
   * access report and nothing else (everywhere else it is answered as OPS_VIEWER is). A mapping that
   * is not here fails the test.
   */
  private static final Map<String, Map<Who, Integer>> EXPECTED = new LinkedHashMap<>();

  static {
    // Pages: a session; no session (or a bearer token, which pages ignore) goes to the login.
    page("GET /login", REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT);
    page("GET /", REDIRECT, REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, LOGIN);
    page("GET /worklist", OK, OK, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    page("GET /worklist/tasks/{taskId}", OK, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    page("GET /worklist/tasks/{taskId}/case-status", OK, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    page("GET /worklist/tasks/{taskId}/letter.pdf", OK, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    // A claim on a task another agent took first says so (a lost race): a redirect with the notice.
    // A post without a session carries no CSRF token either: refused before anything else.
    page("POST /worklist/tasks/{taskId}/claim", REDIRECT, REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN);
    page("POST /worklist/tasks/{taskId}/outcome", REDIRECT, NOT_FOUND, REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN);
    page("POST /worklist/tasks/{taskId}/reassign", FORBIDDEN, FORBIDDEN, REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN);
    page("GET /outbox", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    // The reports: a LEAD's, pages and API alike.
    page("GET /reports", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    page("GET /reports/cases", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    page("GET /reports/report.csv", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, LOGIN);
    // The API's description is public (it describes the API, no data).
    everyone("GET /v3/api-docs", OK);
    everyone("GET /v3/api-docs.yaml", OK);
    everyone("GET /v3/api-docs/swagger-config", OK);
    everyone("GET /swagger-ui.html", REDIRECT);
    // /error renders the error of a failed request; called directly it has none to show.
    everyone("GET /error", 500);
    // The API: a token (or nothing: 401); a wrong role 403; a task one may not see 404.
    api("GET /api/tasks", OK, OK, OK, FORBIDDEN, FORBIDDEN);
    api("GET /api/tasks/{taskId}", OK, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN);
    api("POST /api/tasks/{taskId}/claim", OK, CONFLICT, CONFLICT, FORBIDDEN, FORBIDDEN);
    api("POST /api/tasks/{taskId}/outcome", OK, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN);
    api("POST /api/tasks/{taskId}/reassign", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN);
    api("GET /api/cases/{caseId}/status", OK, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN);
    api("GET /api/reports", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN);
    api("GET /api/reports/cases", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN);
    api("GET /api/reports/report.csv", FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN);
    // The subject access report: the data protection officer's only, not even a LEAD's.
    api("GET /api/privacy/customers/{customerId}", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN);
    EXPECTED.get("GET /api/privacy/customers/{customerId}").put(Who.DATA_PROTECTION, OK);
    // The customers' preference door: no login for anyone; a GET only shows; the form needs its own CSRF cookie
    // and token (a desk session's token is not it); the one-click POST needs RFC 8058's body.
    everyone("GET /p/{token}", OK);
    everyone("GET /p/{token}/unsubscribe", OK);
    everyone("POST /p/{token}", FORBIDDEN);
    everyone("POST /p/{token}/unsubscribe", 400);
    // The actuator: health (no details) and prometheus without a token (Kubernetes lets only Prometheus in),
    // but a bad token is refused there too; the rest is OPS_ADMIN's.
    open("GET /actuator/health");
    open("GET /actuator/health/**");
    open("GET /actuator/prometheus");
    api("GET /actuator", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);
    api("GET /actuator/info", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);
    api("GET /actuator/metrics", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);
    api("GET /actuator/metrics/{requiredMetricName}", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);
  }

  /** A page: without a session (anonymous, or a bearer token pages do not take) {@code noSession}. */
  private static void page(String endpoint, int agent, int anotherAgent, int lead, int opsViewer, int opsAdmin,
      int noSession) {
    EXPECTED.put(endpoint, row(agent, anotherAgent, lead, opsViewer, opsAdmin, noSession));
  }

  /** An API: without a good token, 401. */
  private static void api(String endpoint, int agent, int anotherAgent, int lead, int opsViewer, int opsAdmin) {
    EXPECTED.put(endpoint, row(agent, anotherAgent, lead, opsViewer, opsAdmin, UNAUTHORIZED));
  }

  private static Map<Who, Integer> row(int agent, int anotherAgent, int lead, int opsViewer, int opsAdmin,
      int nobody) {
    Map<Who, Integer> row = new EnumMap<>(Who.class);
    row.put(Who.AGENT, agent);
    row.put(Who.ANOTHER_AGENT, anotherAgent);
    row.put(Who.LEAD, lead);
    row.put(Who.OPS_VIEWER, opsViewer);
    row.put(Who.OPS_ADMIN, opsAdmin);
    row.put(Who.DATA_PROTECTION, opsViewer);
    for (Who none : List.of(Who.ANONYMOUS, Who.EXPIRED_TOKEN, Who.OTHER_AUDIENCE)) {
      row.put(none, nobody);
    }
    return row;
  }

  /** Open to anyone without a token; a token that is no good (expired, another audience) is refused. */
  private static void open(String endpoint) {
    everyone(endpoint, OK);
    EXPECTED.get(endpoint).put(Who.EXPIRED_TOKEN, UNAUTHORIZED);
    EXPECTED.get(endpoint).put(Who.OTHER_AUDIENCE, UNAUTHORIZED);
  }

  private static void everyone(String endpoint, int status) {
    Map<Who, Integer> row = new EnumMap<>(Who.class);
    for (Who who : Who.values()) {
      row.put(who, status);
    }
    EXPECTED.put(endpoint, row);
  }

  @Test
  void everyEndpointAnswersEveryCallerAsItsRoleAllows() {
    Set<String> mapped = mappedEndpoints();
    assertThat(EXPECTED.keySet()).as("the access matrix names every endpoint the desk maps, and only those")
        .containsExactlyInAnyOrderElementsOf(mapped);

    Map<Who, AppSession> sessions = new EnumMap<>(Who.class);
    sessions.put(Who.AGENT, AppSession.logIn(base(), "winback", "agent", "agent"));
    sessions.put(Who.ANOTHER_AGENT, AppSession.logIn(base(), "winback", "agent2", "agent2"));
    sessions.put(Who.LEAD, AppSession.logIn(base(), "winback", "lead", "lead"));
    sessions.put(Who.OPS_VIEWER, AppSession.logIn(base(), "winback", "opsviewer", "opsviewer"));
    sessions.put(Who.OPS_ADMIN, AppSession.logIn(base(), "winback", "opsadmin", "opsadmin"));
    sessions.put(Who.DATA_PROTECTION, AppSession.logIn(base(), "winback", "dpo", "dpo"));
    Map<Who, String> tokens = new EnumMap<>(Who.class);
    tokens.put(Who.AGENT, OIDC.clientCredentialsToken("cc-agent-" + RUN, "secret"));
    tokens.put(Who.ANOTHER_AGENT, OIDC.clientCredentialsToken("cc-agent2-" + RUN, "secret"));
    tokens.put(Who.LEAD, OIDC.clientCredentialsToken("cc-lead-" + RUN, "secret"));
    tokens.put(Who.OPS_VIEWER, OIDC.clientCredentialsToken("cc-opsviewer-" + RUN, "secret"));
    tokens.put(Who.OPS_ADMIN, OIDC.clientCredentialsToken("cc-opsadmin-" + RUN, "secret"));
    tokens.put(Who.DATA_PROTECTION, OIDC.clientCredentialsToken("cc-dpo-" + RUN, "secret"));
    tokens.put(Who.EXPIRED_TOKEN, OIDC.clientCredentialsToken("cc-expired-" + RUN, "secret"));
    tokens.put(Who.OTHER_AUDIENCE, OIDC.clientCredentialsToken("cc-elsewhere-" + RUN, "secret"));

    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Map<Who, Integer>> row : EXPECTED.entrySet()) {
      String method = row.getKey().substring(0, row.getKey().indexOf(' '));
      String pattern = row.getKey().substring(method.length() + 1);
      boolean api = pattern.startsWith("/api/") || pattern.startsWith("/actuator");
      for (Who who : Who.values()) {
        // A fresh task per cell, claimed by the AGENT of this door, so no cell sees another's effects.
        String owner = api ? "cc-agent-" + RUN : "agent";
        OutreachTask task = task(pattern.contains("letter.pdf") || pattern.startsWith("/p/") ? Channel.LETTER
            : Channel.PHONE, null, owner);
        String path = path(pattern, task);
        int status = api ? callApi(method, path, tokens.get(who)) : callPage(method, path, sessions.get(who),
            tokens.get(who));
        int expected = row.getValue().get(who);
        if (status != expected) {
          wrong.add(row.getKey() + " as " + who + ": " + status + ", expected " + expected);
        }
      }
    }
    assertThat(wrong).as("cells of the access matrix that answered otherwise").isEmpty();
  }

  /** Every endpoint of the running desk, from its own handler mappings (the actuator's included). */
  private Set<String> mappedEndpoints() {
    Set<String> endpoints = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
        .values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
          for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
            endpoints.add(method + " " + pattern);
          }
        }
      }
    }
    return endpoints;
  }

  private String path(String pattern, OutreachTask task) {
    return pattern.replace("{taskId}", task.getTaskId()).replace("{caseId}", task.getCaseId())
        .replace("{token}", links.token(task.getTaskId(), Instant.now().plus(Duration.ofDays(1))))
        .replace("{customerId}", task.getCustomerId())
        .replace("**", "readiness").replace("{requiredMetricName}", "jvm.memory.used");
  }

  private int callPage(String method, String path, AppSession session, String token) {
    if (session == null) {
      // No session: anonymous, or a bearer token that pages do not take.
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
      return send(request.build()).statusCode();
    }
    if (method.equals("GET")) {
      return session.get(path).statusCode();
    }
    Map<String, String> form = path.endsWith("/outcome") ? Map.of("outcome", "NOT_REACHED")
        : path.endsWith("/reassign") ? Map.of("assignee", "agent2") : Map.of();
    // The CSRF token from the worklist page, as a browser's form would carry it.
    return session.post(path, form, "/worklist").statusCode();
  }

  private int callApi(String method, String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (method.equals("POST")) {
      String body = path.endsWith("/outcome") ? "{\"outcome\":\"NOT_REACHED\"}"
          : path.endsWith("/reassign") ? "{\"assignee\":\"agent2\"}" : "";
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.GET();
    }
    int status = send(request.build()).statusCode();
    return status == 202 ? OK : status; // recorded but not yet on the topic counts as allowed here
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(request.uri().toString(), e);
    }
  }

  // ---- the world ------------------------------------------------------------------------------

  /** A task at the desk, its customer consenting to everything and known to the desk's current CRM copy. */
  private OutreachTask task(Channel channel, String assignee, String claimedBy) {
    String id = "t-sec-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8);
    OutreachTask task = DeskWorld.task(id, "C-" + id, channel, Instant.now()).setAssignee(assignee).build();
    db.sql("""
        INSERT INTO customer (customer_id, consent_email, consent_phone, consent_letter, consent_whatsapp,
          consent_visit, do_not_contact, timezone, updated_at) VALUES (:id, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE,
          'Europe/Berlin', :now)""").param("id", task.getCustomerId()).param("now", Timestamps.of(Instant.now()))
        .update();
    worklist.addTask(task, 0, Instant.now());
    feed.caughtUp(0, Instant.now(), "test");
    if (claimedBy != null) {
      worklist.claim(id, claimedBy, Instant.now());
    }
    cases.save(WinbackCase.newBuilder().setCaseId(task.getCaseId()).setCustomerId(task.getCustomerId())
        .setCancellationEventId("evt-" + id).setStatus(CaseStatus.OPEN).setStatusReason(null).setGoal(null)
        .setTasks(List.of()).setOutcomes(List.of()).setOpenedAt(Instant.now()).setClosedAt(null)
        .setUpdatedAt(Instant.now()).build());
    return task;
  }
}
