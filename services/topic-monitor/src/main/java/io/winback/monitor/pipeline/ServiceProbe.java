package io.winback.monitor.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Asks each configured Winback service for its health over HTTP, all at once and with a short
 * timeout, so one hung service does not delay the others. The group status says whether a
 * service keeps up; this says whether it is there at all.
 */
public final class ServiceProbe {

  private final Map<String, String> services;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;
  private final Map<String, ServiceHealth> latest = new ConcurrentHashMap<>();

  /** @param services name to base URL, e.g. churn-processor to http://localhost:8081 */
  public ServiceProbe(Map<String, String> services, Duration timeout, Clock clock) {
    this.services = new LinkedHashMap<>(services);
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.services.forEach((name, url) -> latest.put(name, ServiceHealth.unknown(name, url)));
  }

  public void probeAll() {
    List<CompletableFuture<ServiceHealth>> probes = services.entrySet().stream()
        .map(entry -> probe(entry.getKey(), entry.getValue()))
        .toList();
    for (CompletableFuture<ServiceHealth> probe : probes) {
      try {
        ServiceHealth health = probe.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        latest.put(health.name(), health);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception ignored) {
        // probe() never completes exceptionally; a timeout here leaves the last known health.
      }
    }
  }

  private CompletableFuture<ServiceHealth> probe(String name, String url) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/actuator/health"))
          .timeout(timeout).GET().build();
    } catch (IllegalArgumentException badUrl) {
      return CompletableFuture.completedFuture(new ServiceHealth(name, url, "BAD URL", clock.millis()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, error) -> new ServiceHealth(name, url,
            error != null ? "UNREACHABLE" : response.statusCode() == 200 ? "UP" : "DOWN (HTTP " + response.statusCode() + ")",
            clock.millis()));
  }

  public Map<String, ServiceHealth> latest() {
    Map<String, ServiceHealth> ordered = new LinkedHashMap<>();
    services.keySet().forEach(name -> ordered.put(name, latest.get(name)));
    return ordered;
  }
}
