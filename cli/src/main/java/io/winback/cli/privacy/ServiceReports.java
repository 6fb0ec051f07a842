package io.winback.cli.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.winback.schemas.json.JsonRecords;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the processor ({@code GET /privacy/customers/{id}}) and the desk
 * ({@code GET /api/privacy/customers/{id}}) for what they hold about a customer. A service in the
 * middle of a rebalance (503) is asked again a few times; whatever it finally says is the answer.
 */
public final class ServiceReports {

  public static final String PROCESSOR = "churn-processor";
  public static final String DESK = "outreach-desk";
  private static final int ATTEMPTS = 5;
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final ServiceOptions options;

  public ServiceReports(ServiceOptions options) {
    this.options = options;
  }

  public ServiceAnswer processor(String customerId) {
    return ask(PROCESSOR, options.processorUrl() + "/privacy/customers/" + segment(customerId));
  }

  public ServiceAnswer desk(String customerId) {
    return ask(DESK, options.deskUrl() + "/api/privacy/customers/" + segment(customerId));
  }

  private ServiceAnswer ask(String service, String url) {
    String source = "GET " + url;
    Optional<String> authorization = options.authorization();
    ServiceAnswer answer = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      answer = once(service, url, source, authorization);
      if (answer.httpStatus() != 503) {
        return answer;
      }
      sleep(PAUSE);
    }
    return answer;
  }

  private ServiceAnswer once(String service, String url, String source, Optional<String> authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json").GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 200) {
        try {
          return new ServiceAnswer(service, source, status, JsonRecords.mapper().readTree(response.body()), null);
        } catch (JsonProcessingException e) {
          return new ServiceAnswer(service, source, status, null, "the answer is not JSON: " + e.getOriginalMessage());
        }
      }
      return new ServiceAnswer(service, source, status, null, problem(status));
    } catch (IOException e) {
      return new ServiceAnswer(service, source, -1, null, "no answer from " + url + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ServiceAnswer(service, source, -1, null, "interrupted");
    }
  }

  private static String problem(int status) {
    return switch (status) {
      case 401 -> "HTTP 401: no or wrong credentials (--user/--password or --token)";
      case 403 -> "HTTP 403: the user lacks the role DATA_PROTECTION";
      case 404 -> "HTTP 404: this service has no subject access report (an older version?)";
      case 503 -> "HTTP 503: the service is not ready (a rebalance?); try again";
      default -> "HTTP " + status;
    };
  }

  /** The customer id as one path segment, whatever characters it has. */
  static String segment(String customerId) {
    return URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
