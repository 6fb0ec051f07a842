package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint of the running monitor × every kind of caller → the answer the roles say. The
 * endpoints come from the application's own handler mappings (its controllers and the actuator's),
 * so an endpoint added without an expectation here fails this test, as does an expectation of an
 * endpoint that is gone.
 *
 * <p>Callers: nobody; agent and agent2 (AGENT); lead (LEAD, AGENT); opsviewer (OPS_VIEWER);
 * opsadmin (OPS_ADMIN, OPS_VIEWER); an OPS_ADMIN client-credentials token that is expired; one for
 * another audience (the desk's). People reach the pages with the session of a real login at the
 * provider (forms with the CSRF token their page carried); /api and /actuator take bearer tokens
 * (a person's from a real login, too). A token on a page is no login there.
 */
class AccessMatrixIT extends SingleSignOnItBase {

  enum Who { ANONYMOUS, AGENT, AGENT2, LEAD, OPS_VIEWER, OPS_ADMIN, EXPIRED_TOKEN, OTHER_AUDIENCE }

  /** A redirect to the single sign-on login (what a page does for whoever is not logged in). */
  static final String LOGIN = "302 login";

  /** One endpoint, the request that tries it, and what each caller gets. */
  record Row(String endpoint, String method, String path, String body, Map<Who, String> expected) {}

  /** How one caller calls: a logged-in session for the pages, a bearer token for /api and /actuator. */
  record Caller(Browser session, String csrf, String token) {}

  @Autowired
  ApplicationContext context;

  @Test
  void everyEndpointAnswersEveryCallerAsTheRolesSay() {
    awaitCatalogue();
    RecordMetadata letter = deadLetterOf(customer());
    String at = "/" + letter.partition() + "/" + letter.offset();
    List<Row> rows = rows(at);

    Set<String> expected = new TreeSet<>();
    rows.stream().filter(row -> row.endpoint() != null).forEach(row -> expected.add(row.endpoint()));
    Set<String> mapped = mappedEndpoints();
    assertThat(difference(mapped, expected)).as("endpoints of the running monitor without an expectation here:"
        + " say who may call them").isEmpty();
    assertThat(difference(expected, mapped)).as("expectations of endpoints the monitor no longer has").isEmpty();

    Map<Who, Caller> callers = callers();
    // The letter is read by a fresh consumer per request: wait until it is there for the reveals.
    await().atMost(Duration.ofSeconds(30)).until(() -> outcome(callers.get(Who.OPS_ADMIN),
        row("POST /api/dead-letters/{partition}/{offset}/reveal", rows)).equals("200"));

    List<String> wrong = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    for (Row row : rows) {
      table.append(String.format("%-58s", row.method() + " " + row.path()));
      for (Who who : Who.values()) {
        String got = outcome(callers.get(who), row);
        table.append(String.format(" %-12s", got));
        if (!got.equals(row.expected().get(who))) {
          wrong.add(row.method() + " " + row.path() + " as " + who + ": expected " + row.expected().get(who)
              + ", got " + got);
        }
      }
      table.append('\n');
    }
    System.out.printf("access matrix (%s):%n%s", String.join(", ", java.util.Arrays.stream(Who.values())
        .map(Enum::name).toList()), table);
    assertThat(wrong).as("the access matrix:%n%s", table).isEmpty();
  }

  @Test
  void theApiIgnoresALoginSessionSoNoForgedFormCanUseIt() {
    Browser admin = new Browser(app());
    admin.logInWithSingleSignOn("opsadmin", "opsadmin");
    assertThat(admin.get("/dead-letters").statusCode()).as("logged in").isEqualTo(200);

    // The API has no CSRF protection because it takes no cookie: the session must not count there.
    assertThat(admin.post("/api/dead-letters/redrive", Map.of()).statusCode()).isEqualTo(401);
    assertThat(admin.get("/api/dead-letters/audit").statusCode()).isEqualTo(401);
  }

  /** What the monitor must answer, endpoint by endpoint; {@code at} is a real letter's "/partition/offset". */
  private static List<Row> rows(String at) {
    List<Row> rows = new ArrayList<>();
    for (String page : List.of("/", "/topics", "/groups", "/dead-letters", "/cases")) {
      rows.add(new Row("GET " + page, "GET", page, null, viewerPage()));
    }
    for (String live : List.of("/live/pipeline", "/live/topics", "/live/groups", "/live/cases", "/live/overview",
        "/live/history")) {
      rows.add(new Row("GET " + live, "GET", live, null, viewerPage()));
    }
    rows.add(new Row("POST /dead-letters/redrive", "POST", "/dead-letters/redrive", "", adminForm("302 /dead-letters")));
    rows.add(new Row("POST /dead-letters/{partition}/{offset}/reveal", "POST", "/dead-letters" + at + "/reveal", "",
        adminForm("200")));
    rows.add(new Row("GET /login", "GET", "/login", null, everyone("200")));
    rows.add(new Row("GET /logged-out", "GET", "/logged-out", null, everyone("200")));
    // Spring's error page, open so that errors render for everyone; called directly it has no error to show.
    rows.add(new Row("* /error", "GET", "/error", null, everyone("500")));

    for (String api : List.of("/api/lag", "/api/overview", "/api/history", "/api/cases/needs-attention",
        "/api/dead-letters")) {
      rows.add(new Row("GET " + api, "GET", api, null, viewerApi()));
    }
    rows.add(new Row("POST /api/dead-letters/{partition}/{offset}/reveal", "POST", "/api/dead-letters" + at + "/reveal",
        "", adminApi("200")));
    rows.add(new Row("POST /api/dead-letters/redrive", "POST", "/api/dead-letters/redrive",
        "{\"records\":[{\"partition\":0,\"offset\":999999999}]}", adminApi("200")));
    rows.add(new Row("GET /api/dead-letters/audit", "GET", "/api/dead-letters/audit", null, adminApi("200")));

    rows.add(new Row("GET /actuator/health", "GET", "/actuator/health", null, openActuator()));
    rows.add(new Row("GET /actuator/health/**", "GET", "/actuator/health/readiness", null, openActuator()));
    rows.add(new Row(null, "GET", "/actuator/health/liveness", null, openActuator()));
    rows.add(new Row("GET /actuator/prometheus", "GET", "/actuator/prometheus", null, openActuator()));
    rows.add(new Row("GET /actuator", "GET", "/actuator", null, adminApi("200")));
    rows.add(new Row("GET /actuator/info", "GET", "/actuator/info", null, adminApi("200")));
    rows.add(new Row("GET /actuator/metrics", "GET", "/actuator/metrics", null, adminApi("200")));
    rows.add(new Row("GET /actuator/metrics/{requiredMetricName}", "GET", "/actuator/metrics/jvm.memory.used", null,
        adminApi("200")));

    // Not endpoints: what is not granted by name is OPS_ADMIN's, who then finds nothing there.
    rows.add(new Row(null, "GET", "/api/nothing-here", null, adminApi("404")));
    rows.add(new Row(null, "GET", "/nothing-here", null, adminForm("404", LOGIN)));
    return rows;
  }

  private static Map<Who, String> viewerPage() {
    return outcomes(LOGIN, "403", "403", "200", "200", LOGIN);
  }

  /** A page's form or a page beyond the viewer's: without a session there is no CSRF token either. */
  private static Map<Who, String> adminForm(String admin) {
    return adminForm(admin, "403");
  }

  private static Map<Who, String> adminForm(String admin, String withoutLogin) {
    return outcomes(withoutLogin, "403", "403", "403", admin, withoutLogin);
  }

  private static Map<Who, String> viewerApi() {
    return outcomes("401", "403", "403", "200", "200", "401");
  }

  private static Map<Who, String> adminApi(String admin) {
    return outcomes("401", "403", "403", "403", admin, "401");
  }

  /** Health and the scrape: open, but a token that is sent must be good. */
  private static Map<Who, String> openActuator() {
    return outcomes("200", "200", "200", "200", "200", "401");
  }

  private static Map<Who, String> everyone(String outcome) {
    return outcomes(outcome, outcome, outcome, outcome, outcome, outcome);
  }

  /** Outcomes for nobody, the agents and the lead alike, the viewer, the admin, and the two bad tokens alike. */
  private static Map<Who, String> outcomes(String anonymous, String agent, String lead, String viewer, String admin,
      String badToken) {
    Map<Who, String> outcomes = new EnumMap<>(Who.class);
    outcomes.put(Who.ANONYMOUS, anonymous);
    outcomes.put(Who.AGENT, agent);
    outcomes.put(Who.AGENT2, agent);
    outcomes.put(Who.LEAD, lead);
    outcomes.put(Who.OPS_VIEWER, viewer);
    outcomes.put(Who.OPS_ADMIN, admin);
    outcomes.put(Who.EXPIRED_TOKEN, badToken);
    outcomes.put(Who.OTHER_AUDIENCE, badToken);
    return outcomes;
  }

  private Map<Who, Caller> callers() {
    Map<Who, Caller> callers = new EnumMap<>(Who.class);
    callers.put(Who.ANONYMOUS, new Caller(null, null, null));
    Map<Who, String> people = new LinkedHashMap<>();
    people.put(Who.AGENT, "agent");
    people.put(Who.AGENT2, "agent2");
    people.put(Who.LEAD, "lead");
    people.put(Who.OPS_VIEWER, "opsviewer");
    people.put(Who.OPS_ADMIN, "opsadmin");
    people.forEach((who, user) -> {
      Browser session = new Browser(app());
      HttpResponse<String> landed = session.logInWithSingleSignOn(user, user);
      // An operator's page carries the CSRF token for its forms; an agent gets no page, so no token.
      String csrf = landed.statusCode() == 200 ? Browser.csrf(landed.body()) : null;
      callers.put(who, new Caller(session, csrf, userToken(user)));
    });
    callers.put(Who.EXPIRED_TOKEN, new Caller(null, null, scriptToken(STALE_SCRIPT)));
    callers.put(Who.OTHER_AUDIENCE, new Caller(null, null, scriptToken(DESK_SCRIPT)));
    return callers;
  }

  /** What the caller gets: the status, and for a redirect whether it is to the login or where else. */
  private String outcome(Caller caller, Row row) {
    boolean machine = row.path().startsWith("/api/") || row.path().startsWith("/actuator");
    HttpResponse<String> response;
    if (!machine && caller.session() != null) {
      response = row.method().equals("GET") ? caller.session().get(row.path())
          : caller.session().post(row.path(), caller.csrf() == null ? Map.of() : Map.of("_csrf", caller.csrf()));
    } else {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app() + row.path()))
          .timeout(Duration.ofSeconds(30));
      if (caller.token() != null) {
        request.header("Authorization", "Bearer " + caller.token());
      }
      if (row.method().equals("GET")) {
        request.GET();
      } else {
        request.header("Content-Type", row.body().isEmpty() ? "application/x-www-form-urlencoded" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(row.body()));
      }
      response = Http.send(request.build());
    }
    if (response.statusCode() / 100 != 3) {
      return Integer.toString(response.statusCode());
    }
    String location = response.headers().firstValue("Location").orElse("");
    return location.contains("/oauth2/authorization/") || location.contains("/login")
        ? LOGIN : response.statusCode() + " " + URI.create(location).getPath();
  }

  private static Row row(String endpoint, List<Row> rows) {
    return rows.stream().filter(row -> endpoint.equals(row.endpoint())).findFirst().orElseThrow();
  }

  /** "METHOD pattern" of every handler the running monitor maps: its controllers and the actuator. */
  private Set<String> mappedEndpoints() {
    Set<String> endpoints = new TreeSet<>();
    context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
        mapping.getHandlerMethods().keySet().forEach(info -> {
          Set<String> methods = new TreeSet<>();
          info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
          if (methods.isEmpty()) {
            methods.add("*");
          }
          for (String pattern : info.getPatternValues()) {
            methods.forEach(method -> endpoints.add(method + " " + pattern));
          }
        }));
    return endpoints;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> difference = new TreeSet<>(a);
    difference.removeAll(b);
    return difference;
  }
}
