package io.winback.monitor.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.monitor.deadletters.DeadLetterFixtures;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import io.winback.testsupport.oidc.OidcTestProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitor as production runs it: no embedded profile, people log in with OpenID Connect at a
 * real provider ({@link OidcTestProvider}: Spring Authorization Server with its own login page),
 * scripts call /api with its JWTs for the audience {@value #AUDIENCE}. Every single sign-on IT
 * extends this unchanged, so they share one application context.
 *
 * <p>The provider's users (password = user name): agent, agent2 (AGENT), lead (LEAD, AGENT),
 * opsviewer (OPS_VIEWER), opsadmin (OPS_ADMIN, OPS_VIEWER). The monitor is opened at
 * {@code http://127.0.0.1:<port>}, where the client's redirect URIs are registered (any port).
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "winback.monitor.sample-interval=500ms",
    "winback.monitor.window-samples=4",
    "winback.monitor.rate-window=5s",
})
abstract class SingleSignOnItBase {

  static final String AUDIENCE = "winback-monitor";
  static final String CLIENT = "topic-monitor";
  static final String SECRET = "topic-monitor-secret";
  /** Spring's {baseUrl}/login/oauth2/code/{registrationId}, registration winback; any port on 127.0.0.1. */
  static final String REDIRECT_URI = "http://127.0.0.1/login/oauth2/code/winback";
  static final String AFTER_LOGOUT = "http://127.0.0.1/logged-out";

  /** A script with OPS_VIEWER; an OPS_ADMIN script whose tokens are for the desk; one whose tokens are expired. */
  static final String VIEWER_SCRIPT = "monitor-viewer-script";
  static final String DESK_SCRIPT = "desk-admin-script";
  static final String STALE_SCRIPT = "monitor-stale-script";
  static final String SCRIPT_SECRET = "script-secret";

  /** Started, with its clients, before the monitor: the monitor reads the provider's discovery at start. */
  static final OidcTestProvider OIDC = OidcTestProvider.shared()
      .webClient(CLIENT, SECRET, REDIRECT_URI, AFTER_LOGOUT, AUDIENCE)
      .machineClient(VIEWER_SCRIPT, SCRIPT_SECRET, List.of("OPS_VIEWER"), AUDIENCE, Duration.ofMinutes(30))
      .machineClient(DESK_SCRIPT, SCRIPT_SECRET, List.of("OPS_ADMIN"), "winback-desk", Duration.ofMinutes(30))
      .expiredMachineClient(STALE_SCRIPT, SCRIPT_SECRET, List.of("OPS_ADMIN"), AUDIENCE);

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.security.oauth2.client.provider.winback.issuer-uri", OIDC::issuer);
    registry.add("spring.security.oauth2.client.registration.winback.client-id", () -> CLIENT);
    registry.add("spring.security.oauth2.client.registration.winback.client-secret", () -> SECRET);
    registry.add("spring.security.oauth2.client.registration.winback.scope", () -> "openid,profile,email");
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OIDC::issuer);
    registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    registry.add("winback.security.roles-claim", () -> OIDC.roleClaim().path());
  }

  /** Where a browser opens the monitor: on 127.0.0.1, like the registered redirect URIs. */
  String app() {
    return "http://127.0.0.1:" + port;
  }

  /** A user's access token for the monitor's API, from a real login at the provider. */
  static String userToken(String user) {
    return OIDC.logIn(CLIENT, SECRET, REDIRECT_URI, user, user).accessToken();
  }

  static String scriptToken(String client) {
    return OIDC.clientCredentialsToken(client, SCRIPT_SECRET);
  }

  /** Waits until the monitor has created and sampled every catalogue topic. */
  void awaitCatalogue() {
    Http viewer = Http.bearer(port, scriptToken(VIEWER_SCRIPT));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      JsonNode overview = viewer.json("/api/overview", null);
      return overview.path("reachable").asBoolean()
          && overview.path("topics").size() == Topics.ALL.size()
          && StreamSupport.stream(overview.path("topics").spliterator(), false)
              .allMatch(topic -> topic.path("exists").asBoolean());
    });
  }

  /** A dead letter as the processor writes it, of a cancellation of {@code customer}. */
  static RecordMetadata deadLetterOf(String customer) {
    byte[] value = DeadLetterFixtures.cancellationBytes(customer);
    return TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new ByteArraySerializer(),
        new ByteArraySerializer(), List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null,
            customer.getBytes(StandardCharsets.UTF_8), value,
            DeadLetterFixtures.headers(Topics.CANCELLATIONS.name(), "contract ends before it was cancelled")))).get(0);
  }

  static String customer() {
    return "C-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
