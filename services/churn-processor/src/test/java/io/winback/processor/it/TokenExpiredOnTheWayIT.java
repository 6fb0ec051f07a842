package io.winback.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.processor.topology.StoreNames;
import io.winback.schemas.json.JsonRecords;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.oidc.OidcTestProvider;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller's token that is good when its query arrives, and expired by the time the instance that
 * holds the data checks it: the first instance let it in and forwarded it, the owner refuses it.
 * The caller must see that 401, with the owner's challenge, so that it fetches a new token; a 502
 * would hide it. To put real time between the two checks, the owner is frozen (SIGSTOP) while the
 * forwarded query waits, until the token is past its expiry and the 60 seconds of clock skew a
 * resource server allows.
 *
 * <p>The owner runs as in Kubernetes, the actuator on a management port of its own: the same
 * rules hold there, health and prometheus for anyone, the rest for OPS_ADMIN.
 */
@KafkaIntegrationTest
class TokenExpiredOnTheWayIT {

  private static final Logger log = LoggerFactory.getLogger(TokenExpiredOnTheWayIT.class);

  private static final String SECRET = "on-the-way-secret";
  /** Spring Security's JwtTimestampValidator accepts a token this long after its exp. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private static final OidcTestProvider OIDC = OidcTestProvider.shared()
      .machineClient("on-the-way-lead", SECRET, List.of("LEAD"), TestLogin.AUDIENCE, Duration.ofMinutes(15))
      // Its tokens live one second: good on arrival, expired (skew included) a minute later.
      .machineClient("on-the-way-brief", SECRET, List.of("LEAD"), TestLogin.AUDIENCE, Duration.ofSeconds(1))
      .machineClient("on-the-way-ops", SECRET, List.of("OPS_VIEWER"), TestLogin.AUDIENCE, Duration.ofMinutes(15))
      .machineClient("on-the-way-admin", SECRET, List.of("OPS_ADMIN", "OPS_VIEWER"), TestLogin.AUDIENCE,
          Duration.ofMinutes(15));

  @TempDir
  Path dir;

  @Test
  void aTokenThatExpiresWhileItsQueryIsForwardedGivesTheCallerA401() throws Exception {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    String applicationId = "churn-expiry-" + UUID.randomUUID();
    TestLogin login = TestLogin.oidc(OIDC, OIDC.clientCredentialsToken("on-the-way-lead", SECRET));
    int managementPort = FreePorts.next();
    try (ProcessorInstance a = ProcessorInstance.start(bootstrap, applicationId, dir.resolve("a"), login,
            // Longer than the owner stays frozen: the query waits for its answer, it does not time out.
            "--winback.processor.forward-timeout=3m");
        ProcessorProcess owner = ProcessorProcess.start(bootstrap, applicationId, dir.resolve("b"),
            dir.resolve("b.log"), login, "--management.server.port=" + managementPort,
            // Frozen for over a minute, it stays in the group: no rebalance while the query waits.
            "--spring.kafka.streams.properties.session.timeout.ms=180000")) {
      owner.awaitReady(Duration.ofSeconds(120));
      await("both instances running with partitions each").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> a.ready() && bothHavePartitions(a.streams()));
      // The owner's own view: done with the rebalance that gave it its partitions (and their restore).
      owner.awaitReady(Duration.ofSeconds(120));

      theManagementPortKeepsTheActuatorRules(owner);

      // A customer of the owner's partitions (nobody needs cases for it: its partition is what counts).
      HostInfo ownerHost = new HostInfo("localhost", owner.port());
      String customer = IntStream.range(0, 1000).mapToObj(i -> "C-expiry-" + i)
          .filter(key -> ownerHost.equals(a.ownerOf(StoreNames.CUSTOMER_CASES, key))).findFirst()
          .orElseThrow(() -> new AssertionError("no key of " + ownerHost + " among 1000"));
      String path = "/customers/" + customer + "/cases";
      assertThat(a.get(path).statusCode()).as("forwarded with a good token").isEqualTo(200);

      String brief = OIDC.clientCredentialsToken("on-the-way-brief", SECRET);
      Instant refusedFrom = expiry(brief).plus(CLOCK_SKEW).plusSeconds(2);
      ExecutorService caller = Executors.newSingleThreadExecutor();
      owner.freeze();
      try {
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(
            () -> Http.get(a.port(), path, TestLogin.bearer(brief), Map.of(), Duration.ofMinutes(4)), caller);
        await("the brief token past its expiry and the clock skew").atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(refusedFrom));
        // The first instance accepted the token (a refusal would have come at once) and waits for the owner.
        assertThat(answer).as("the answer while the owner is frozen").isNotDone();
        owner.resume();
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        log.info("the token expired on the way: {} {} {}", response.statusCode(),
            response.headers().firstValue("WWW-Authenticate").orElse("-"), response.body());
        assertThat(response.statusCode()).as("the answer after the owner refused the expired token").isEqualTo(401);
        // The owner's challenge, without the owner's address (its resource_metadata).
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
            assertThat(challenge).startsWith("Bearer").contains("invalid_token").contains("expired")
                .doesNotContain(String.valueOf(owner.port())));
        assertThat(response.body()).contains("refused the credentials");
      } finally {
        owner.resume();
        caller.shutdownNow();
      }
      assertThat(a.get(path, TestLogin.bearer(brief)).statusCode()).as("the expired token, asked again").isEqualTo(401);
      assertThat(a.get(path).statusCode()).as("a good token, asked again").isEqualTo(200);
    }
  }

  /** Kubernetes' layout: the actuator on its own port, covered by the same rules as the case API. */
  private static void theManagementPortKeepsTheActuatorRules(ProcessorProcess owner) throws Exception {
    String ops = TestLogin.bearer(OIDC.clientCredentialsToken("on-the-way-ops", SECRET));
    String admin = TestLogin.bearer(OIDC.clientCredentialsToken("on-the-way-admin", SECRET));
    String lead = TestLogin.bearer(OIDC.clientCredentialsToken("on-the-way-lead", SECRET));
    assertThat(owner.getManagement("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    HttpResponse<String> health = owner.getManagement("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JsonRecords.mapper().readTree(health.body()).has("components")).as(health.body()).isFalse();
    JsonNode forOps = JsonRecords.mapper().readTree(owner.getManagement("/actuator/health", ops).body());
    assertThat(forOps.path("components").has("streams")).as(forOps.toString()).isTrue();
    assertThat(owner.getManagement("/actuator/prometheus", null).statusCode()).isEqualTo(200);
    assertThat(owner.getManagement("/actuator/metrics", null).statusCode()).isEqualTo(401);
    assertThat(owner.getManagement("/actuator/metrics", lead).statusCode()).isEqualTo(403);
    assertThat(owner.getManagement("/actuator/metrics", ops).statusCode()).isEqualTo(403);
    assertThat(owner.getManagement("/actuator/metrics", admin).statusCode()).isEqualTo(200);
    // The application port serves no actuator: there the paths are the case API's, under its rules.
    assertThat(owner.get("/actuator/health", null).statusCode()).as("health on the application port")
        .isEqualTo(401);
    assertThat(owner.get("/actuator/metrics", admin).statusCode()).as("metrics on the application port")
        .isEqualTo(404);
  }

  /** The token's own {@code exp}, read from its payload (the signature is the processor's business). */
  private static Instant expiry(String jwt) throws Exception {
    String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    return Instant.ofEpochSecond(JsonRecords.mapper().readTree(payload).get("exp").asLong());
  }

  private static boolean bothHavePartitions(KafkaStreams streams) {
    if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    return streams.metadataForAllStreamsClients().stream().filter(client -> !client.topicPartitions().isEmpty())
        .map(StreamsMetadata::hostInfo).distinct().count() == 2;
  }
}
