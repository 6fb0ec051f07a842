package io.winback.desk.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The desk's public door as the outside world knocks on it: a customer's browser, a mailbox
 * provider's one-click POST, a link scanner. Behind "the Ingress": each request says which client
 * address it comes from in X-Forwarded-For (the desk under test trusts its loopback proxy, as
 * {@code server.forward-headers-strategy=native} does in Kubernetes). No cookie store: a cookie
 * goes back only where a test hands it on.
 */
final class PublicDoor {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

  private final int port;

  PublicDoor(int port) {
    this.port = port;
  }

  /** A client address of its own (TEST-NET-2): one test's requests do not fill another's bucket. */
  static String newAddress() {
    int n = Math.floorMod(UUID.randomUUID().hashCode(), 250) + 1;
    return "198.51.100." + n;
  }

  /** The path of a public URL (what the Ingress hands the desk), e.g. /p/{token}/unsubscribe. */
  static String pathOf(String url) {
    return URI.create(url).getRawPath();
  }

  HttpResponse<String> get(String path, String address) {
    return send(request(path, address).GET().build());
  }

  /** RFC 8058 exactly: application/x-www-form-urlencoded {@code List-Unsubscribe=One-Click}, nothing else. */
  HttpResponse<String> oneClick(String path, String address) {
    return send(request(path, address).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
  }

  /** RFC 8058's preferred encoding: multipart/form-data with the one field. */
  HttpResponse<String> oneClickMultipart(String path, String address) {
    String boundary = "----winback" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
        + boundary + "--\r\n";
    return send(request(path, address).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A form POST; {@code cookie} (name=value) and the fields as a browser sends them. */
  HttpResponse<String> postForm(String path, String address, String cookie, Map<String, String> fields) {
    HttpRequest.Builder request = request(path, address).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
            .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"))));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return send(request.build());
  }

  /** The form's CSRF token, from the page. */
  static String csrfToken(String page) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new AssertionError("no CSRF field on the page:\n" + page);
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  /** The cookies a response sets, as name=value for a Cookie header. */
  static String cookies(HttpResponse<?> response) {
    List<String> set = response.headers().allValues("Set-Cookie");
    return set.stream().map(cookie -> cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';')))
        .collect(Collectors.joining("; "));
  }

  private HttpRequest.Builder request(String path, String address) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15));
    if (address != null) {
      request.header("X-Forwarded-For", address).header("X-Forwarded-Proto", "https");
    }
    return request;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
