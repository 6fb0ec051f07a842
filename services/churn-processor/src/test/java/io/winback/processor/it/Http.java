package io.winback.processor.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain GETs against a processor on localhost, the way an operator or the desk would ask it. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private Http() {}

  /** A GET with {@code authorization} as its Authorization header, or none when it is null. */
  static HttpResponse<String> get(int port, String path, String authorization) {
    return get(port, path, authorization, Map.of(), TIMEOUT);
  }

  /** A GET with further headers, waiting up to {@code timeout} for the answer. */
  static HttpResponse<String> get(int port, String path, String authorization, Map<String, String> headers,
      Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(timeout);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("GET " + path + " on port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The status of an anonymous GET, or -1 while nothing answers on the port (the process is still starting). */
  static int status(int port, String path) {
    try {
      return get(port, path, null).statusCode();
    } catch (java.io.UncheckedIOException e) {
      return -1;
    }
  }

  /** Readiness as a probe asks it: without credentials. */
  static boolean ready(int port) {
    return status(port, "/actuator/health/readiness") == 200;
  }
}
