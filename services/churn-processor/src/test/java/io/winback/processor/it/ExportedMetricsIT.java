package io.winback.processor.it;

import static org.awaitility.Awaitility.await;

import io.winback.testsupport.ExportedMetrics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the processor exports on {@code /actuator/prometheus} right after it started, before any input:
 * the recording in {@code deploy/prometheus/exported-metrics/churn-processor.txt} must still be true
 * (the deployment tests check every alert's metrics against it). Record again with
 * {@code -Dwinback.metrics.record=true}.
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
@DirtiesContext
class ExportedMetricsIT {

  @TempDir
  static Path stateDir;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    registry.add("spring.kafka.streams.application-id", () -> "churn-metrics-it-" + UUID.randomUUID());
  }

  @Test
  void aFreshlyStartedProcessorStillExportsWhatTheRecordingSays() throws Exception {
    // Ready: Kafka Streams runs, so its client metrics (alive and failed stream threads) are there too.
    await().atMost(Duration.ofSeconds(90)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

    String scrape = get("/actuator/prometheus").body();

    ExportedMetrics.check("churn-processor", ExportedMetrics.of(scrape, series -> true),
        "services/churn-processor ExportedMetricsIT");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
