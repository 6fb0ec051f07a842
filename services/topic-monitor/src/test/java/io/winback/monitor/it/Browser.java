package io.winback.monitor.it;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An operator's browser without a screen: a cookie jar, a login (the embedded setup's form, or
 * single sign-on through the provider's own login page), and forms posted with the CSRF token
 * the page carried, as a browser would. It follows no redirect unless asked to.
 */
final class Browser {

  /** The hidden _csrf input, its attributes in any order (Thymeleaf's and the provider's differ). */
  private static final Pattern CSRF = Pattern.compile(
      "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
  private static final int MAX_REDIRECTS = 10;

  private final String base;
  private final HttpClient client;

  Browser(int port) {
    this("http://localhost:" + port);
  }

  /** A browser that opens the application at {@code base}, e.g. {@code http://127.0.0.1:8082}. */
  Browser(String base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Logs in through the embedded setup's form; returns the response to the login POST (302 either way). */
  HttpResponse<String> logIn(String user, String password) {
    String token = csrf(get("/login").body());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", user);
    form.put("password", password);
    form.put("_csrf", token);
    return post("/login", form);
  }

  /**
   * Single sign-on: opens the application, is sent to the provider's login page, fills it in and
   * follows the redirects back; returns the application's answer at the end (its start page, or
   * 403 for a user without an operator's role: logged in all the same).
   */
  HttpResponse<String> logInWithSingleSignOn(String user, String password) {
    return logInWithSingleSignOn("/", user, password);
  }

  /** As {@link #logInWithSingleSignOn(String, String)}, starting at {@code path}, e.g. the login page's link. */
  HttpResponse<String> logInWithSingleSignOn(String path, String user, String password) {
    HttpResponse<String> loginPage = follow(get(path));
    if (loginPage.statusCode() != 200 || !loginPage.uri().getPath().equals("/login")
        || loginPage.uri().toString().startsWith(base)) {
      throw new AssertionError("expected the provider's login page, got " + loginPage.statusCode() + " at "
          + loginPage.uri());
    }
    String body = form(Map.of("username", user, "password", password, "_csrf", csrf(loginPage.body())));
    HttpResponse<String> posted = send(HttpRequest.newBuilder(loginPage.uri()).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    HttpResponse<String> landed = follow(posted);
    if (!landed.uri().toString().startsWith(base)) {
      throw new AssertionError("the login of " + user + " did not come back to the monitor: " + landed.uri());
    }
    return landed;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  /** Posts a form; {@code fields} may repeat a name (checkboxes), so it takes name-value pairs. */
  HttpResponse<String> post(String path, Map<String, String> fields) {
    return postPairs(path, fields.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
  }

  HttpResponse<String> postPairs(String path, List<List<String>> pairs) {
    String body = pairs.stream()
        .map(pair -> encode(pair.get(0)) + "=" + encode(pair.get(1)))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** Follows redirects with GETs, as a browser does after a form. */
  HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int hop = 0; current.statusCode() / 100 == 3 && hop < MAX_REDIRECTS; hop++) {
      URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
      current = send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build());
    }
    return current;
  }

  static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    if (!matcher.find()) {
      throw new AssertionError("no CSRF token in the page");
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
