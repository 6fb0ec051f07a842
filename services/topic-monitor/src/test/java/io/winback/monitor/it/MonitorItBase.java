package io.winback.monitor.it;

import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitor on the shared test broker, sampling fast. Every IT extends this unchanged, so they
 * share one application context (Spring caches it by configuration) and one start-up.
 *
 * <p>Besides the demo operator there is a viewer without the OPS role, to show that a login alone
 * is not enough.
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "winback.monitor.sample-interval=500ms",
    "winback.monitor.window-samples=4",
    "winback.monitor.rate-window=5s",
    "winback.monitor.users[0].username=ops",
    "winback.monitor.users[0].password={noop}ops",
    "winback.monitor.users[0].roles[0]=OPS",
    "winback.monitor.users[1].username=viewer",
    "winback.monitor.users[1].password={noop}viewer",
    "winback.monitor.users[1].roles[0]=VIEWER",
})
abstract class MonitorItBase {

  static final String OPS = "ops";
  static final String VIEWER = "viewer";

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
