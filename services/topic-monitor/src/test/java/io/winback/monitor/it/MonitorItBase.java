package io.winback.monitor.it;

import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitor on the shared test broker, sampling fast, on the embedded setup (profile
 * {@code embedded}: its local users, form login and HTTP basic). Every IT of this kind extends this
 * unchanged, so they share one application context (Spring caches it by configuration) and one
 * start-up. The single sign-on ITs have a base of their own ({@link SingleSignOnItBase}).
 *
 * <p>The embedded users: {@value #OPS} (OPS_VIEWER) and {@value #ADMIN} (OPS_ADMIN, OPS_VIEWER),
 * password = user name.
 */
@KafkaIntegrationTest
@ActiveProfiles("embedded")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "winback.monitor.sample-interval=500ms",
    "winback.monitor.window-samples=4",
    "winback.monitor.rate-window=5s",
})
abstract class MonitorItBase {

  /** OPS_VIEWER. */
  static final String OPS = "ops";
  /** OPS_ADMIN and OPS_VIEWER. */
  static final String ADMIN = "opsadmin";

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
  }

  /** Waits until the monitor has created and sampled every catalogue topic. */
  void awaitCatalogue() {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
      com.fasterxml.jackson.databind.JsonNode overview = http().json("/api/overview", OPS);
      return overview.path("reachable").asBoolean()
          && overview.path("topics").size() == io.winback.schemas.topics.Topics.ALL.size()
          && java.util.stream.StreamSupport.stream(overview.path("topics").spliterator(), false)
              .allMatch(topic -> topic.path("exists").asBoolean());
    });
  }

  Http http() {
    return new Http(port);
  }

  Browser browser() {
    return new Browser(port);
  }
}
