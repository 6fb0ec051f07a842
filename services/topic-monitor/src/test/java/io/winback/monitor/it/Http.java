package io.winback.monitor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Requests the way a script or a scraper makes them, no session: HTTP basic with an embedded
 * user (password = user name), a bearer token, or nothing.
 */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

  private final int port;
  private final String bearer;

  Http(int port) {
    this(port, null);
  }

  private Http(int port, String bearer) {
    this.port = port;
    this.bearer = bearer;
  }

  /** The same requests with a bearer token instead of HTTP basic (the user arguments are then ignored). */
  static Http bearer(int port, String token) {
    return new Http(port, token);
  }

  HttpResponse<String> get(String path, String user) {
    return send(request(path, user).GET().build());
  }

  HttpResponse<String> postJson(String path, String user, String body) {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A POST without a body, such as a reveal. */
  HttpResponse<String> post(String path, String user) {
    return send(request(path, user).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** GET as that user, expecting 200, the body as JSON. */
  JsonNode json(String path, String user) {
    HttpResponse<String> response = get(path, user);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " as " + user + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return parse(response);
  }

  static JsonNode parse(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    } else if (user != null) {
      // Embedded users' passwords equal their names.
      builder.header("Authorization", basic(user, user));
    }
    return builder;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
