package io.winback.testsupport.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person logged in to an application through its OpenID Connect login, without a browser: the
 * application's {@code /oauth2/authorization/<registration>}, the provider's login form (cookies,
 * CSRF), the redirect back with the code, and the application's session cookie. Then page requests
 * and form posts (with the CSRF token a page of the application carries) as that person. For
 * access tests of pages; a real browser test covers what a person sees.
 */
public final class AppSession {

  private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int MAX_REDIRECTS = 12;

  private final String base;
  private final HttpClient client;

  private AppSession(String base, HttpClient client) {
    this.base = base;
    this.client = client;
  }

  /**
   * Logs {@code username} in to the application at {@code base} (e.g. {@code http://127.0.0.1:8080})
   * through its client registration {@code registrationId}; fails if the login did not end back at
   * the application with a session.
   */
  public static AppSession logIn(String base, String registrationId, String username, String password) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    AppSession session = new AppSession(base, client);
    HttpResponse<String> page = session.follow(session.send(HttpRequest.newBuilder(
        URI.create(base + "/oauth2/authorization/" + registrationId)).GET()));
    Matcher csrf = CSRF.matcher(page.body());
    if (page.statusCode() != 200 || !csrf.find()) {
      throw new IllegalStateException("expected the provider's login form, got " + page.statusCode() + " at "
          + page.uri());
    }
    HttpResponse<String> landed = session.follow(session.send(HttpRequest.newBuilder(page.uri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
            "_csrf", csrf.group(1)))))));
    if (!landed.uri().toString().startsWith(base) || landed.uri().getPath().startsWith("/login")) {
      throw new IllegalStateException("the login of " + username + " ended at " + landed.uri() + " ("
          + landed.statusCode() + ")");
    }
    return session;
  }

  /** A GET of the application, redirects not followed. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A form post to the application with the CSRF token of {@code csrfPage} (a page that carries one). */
  public HttpResponse<String> post(String path, Map<String, String> fields, String csrfPage) {
    Matcher csrf = CSRF.matcher(follow(get(csrfPage)).body());
    String token = csrf.find() ? csrf.group(1) : "";
    Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
    withToken.put("_csrf", token);
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(withToken))));
  }

  private HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int hop = 0; hop < MAX_REDIRECTS && current.statusCode() / 100 == 3; hop++) {
      String location = current.headers().firstValue("Location").orElseThrow();
      current = send(HttpRequest.newBuilder(current.uri().resolve(location)).GET());
    }
    return current;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      // What a browser accepts: pages first, anything else (the JSON a page's script fetches) too.
      return client.send(request.timeout(TIMEOUT)
              .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
