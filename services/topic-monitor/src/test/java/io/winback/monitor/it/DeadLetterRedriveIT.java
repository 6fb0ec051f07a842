package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.monitor.deadletters.DeadLetterFixtures;
import io.winback.monitor.deadletters.RedriveHeaders;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A dead letter as the processor writes it: listed for every operator by its metadata only, its
 * payload revealed (decoded, with its headers) to an OPS_ADMIN and audited, redriven by an
 * OPS_ADMIN to its source topic with the same key and value, audited without personal data; and
 * nobody without the role gets to see the payload or to redrive.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterRedriveIT extends MonitorItBase {

  private final String bootstrap = KafkaTestBroker.bootstrapServers();

  @Test
  void aViewerSeesWhereWhenAndWhyButNeverThePayload() {
    awaitCatalogue();
    String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] value = DeadLetterFixtures.cancellationBytes(customer);
    RecordMetadata letter = deadLetter(customer.getBytes(StandardCharsets.UTF_8), value,
        "contract ends before it was cancelled");

    HttpResponse<String> list = await().atMost(Duration.ofSeconds(30)).until(
        () -> http().get("/api/dead-letters", OPS), response -> !find(Http.parse(response), letter).isMissingNode());
    JsonNode shown = find(Http.parse(list), letter);
    assertThat(shown.path("sourceTopic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(shown.path("sourcePartition").asText()).isEqualTo("3");
    assertThat(shown.path("sourceOffset").asText()).isEqualTo("41");
    assertThat(shown.path("errorClass").asText()).endsWith("InvalidInputException");
    assertThat(shown.path("errorMessage").asText()).isEqualTo("contract ends before it was cancelled");
    assertThat(shown.path("failedAt").asText()).isEqualTo("2026-11-20T09:16:00Z");
    assertThat(shown.path("service").asText()).isEqualTo("churn-processor");
    assertThat(shown.has("timestamp")).isTrue();
    assertThat(shown.has("key") || shown.has("value") || shown.has("valueBase64") || shown.has("headers")).isFalse();
    assertThat(list.body()).as("not the key, the value or the original headers, not even raw")
        .doesNotContain(customer, "evt-", "Glasfaser", "traceparent", Base64.getEncoder().encodeToString(value));

    Browser viewer = browser();
    viewer.logIn(OPS, OPS);
    HttpResponse<String> page = viewer.get("/dead-letters");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"letter-" + letter.partition() + "-" + letter.offset() + "\"",
            "contract ends before it was cancelled", Topics.CANCELLATIONS.name())
        .doesNotContain(customer, "evt-", "traceparent", "/reveal", "redrive-form", "type=\"checkbox\"",
            "id=\"audit\"");
  }

  @Test
  void anAdminRevealsADeadLetterDecodedAndTheRevealIsAudited(CapturedOutput output) {
    awaitCatalogue();
    String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] key = customer.getBytes(StandardCharsets.UTF_8);
    byte[] value = DeadLetterFixtures.cancellationBytes(customer);
    RecordMetadata letter = deadLetter(key, value, "contract ends before it was cancelled");
    RecordMetadata garbage = deadLetter(key, new byte[] {1, 2, 3}, "not single-object encoded");

    // Over the API: decoded with the source topic's serde, with every header, and the audit entry.
    HttpResponse<String> response = http().post(reveal(letter), ADMIN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
        cache -> assertThat(cache).contains("no-store"));
    JsonNode revealed = Http.parse(response);
    JsonNode shown = revealed.path("letter");
    assertThat(shown.path("value").path("eventId").asText()).isEqualTo("evt-" + customer);
    assertThat(shown.path("value").path("customerId").asText()).isEqualTo(customer);
    assertThat(shown.path("key").asText()).isEqualTo(customer);
    assertThat(shown.path("metadata").path("sourceTopic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(shown.path("metadata").path("errorMessage").asText()).isEqualTo("contract ends before it was cancelled");
    assertThat(names(shown.path("deadLetterHeaders"))).contains(DeadLetterHeaders.SOURCE_TOPIC,
        DeadLetterHeaders.SOURCE_PARTITION, DeadLetterHeaders.SOURCE_OFFSET, DeadLetterHeaders.ERROR_CLASS,
        DeadLetterHeaders.ERROR_MESSAGE, DeadLetterHeaders.FAILED_AT, DeadLetterHeaders.SERVICE);
    assertThat(names(shown.path("headers"))).containsExactly("traceparent");
    JsonNode audited = revealed.path("audit");
    assertThat(audited.path("action").asText()).isEqualTo("REVEAL");
    assertThat(audited.path("outcome").asText()).isEqualTo("REVEALED");
    assertThat(audited.path("user").asText()).isEqualTo(ADMIN);

    JsonNode undecodable = Http.parse(http().post(reveal(garbage), ADMIN)).path("letter");
    assertThat(undecodable.path("value").isNull() || undecodable.path("value").isMissingNode()).isTrue();
    assertThat(undecodable.path("valueBase64").asText()).isEqualTo("AQID");
    assertThat(undecodable.path("decodeError").asText()).isNotBlank();

    // On the page: the list offers the reveal, whose form (with the page's CSRF token) shows the payload.
    Browser admin = browser();
    admin.logIn(ADMIN, ADMIN);
    String page = admin.get("/dead-letters").body();
    assertThat(page).contains(reveal(letter).replace("/api", "")).doesNotContain(customer);
    HttpResponse<String> payload = admin.post(reveal(letter).replace("/api", ""), Map.of("_csrf", Browser.csrf(page)));
    assertThat(payload.statusCode()).isEqualTo(200);
    assertThat(payload.headers().firstValue("Cache-Control")).as("the browser keeps no copy of customers' data")
        .hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
    assertThat(payload.body()).contains("evt-" + customer, "traceparent", "REVEALED", ADMIN);

    // Every reveal is in the audit, who, when, which letter, with what result; the log has ids only.
    JsonNode audit = http().json("/api/dead-letters/audit", ADMIN);
    List<JsonNode> reveals = entriesFor(audit, letter);
    assertThat(reveals).hasSize(2).allSatisfy(entry -> {
      assertThat(entry.path("action").asText()).isEqualTo("REVEAL");
      assertThat(entry.path("outcome").asText()).isEqualTo("REVEALED");
      assertThat(entry.path("user").asText()).isEqualTo(ADMIN);
      assertThat(entry.path("at").asLong()).isPositive();
    });
    assertThat(entriesFor(audit, garbage)).singleElement().satisfies(entry ->
        assertThat(entry.path("note").asText()).contains("not decodable"));
    assertThat(admin.get("/dead-letters").body()).contains("id=\"audit-" + audited.path("id").asText() + "\"");
    assertThat(output.getOut()).contains("reveal id=" + audited.path("id").asText(), "user=" + ADMIN,
        "outcome=REVEALED").doesNotContain(customer);

    // A place without a letter: 404, and audited as such.
    HttpResponse<String> nothing = http().post("/api/dead-letters/0/999999999/reveal", ADMIN);
    assertThat(nothing.statusCode()).isEqualTo(404);
    assertThat(Http.parse(nothing).path("audit").path("outcome").asText()).isEqualTo("REVEAL_NOT_FOUND");
  }

  @Test
  void anAdminRedrivesADeadLetterToItsSourceTopic(CapturedOutput output) {
    awaitCatalogue();
    String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] key = customer.getBytes(StandardCharsets.UTF_8);
    byte[] value = DeadLetterFixtures.cancellationBytes(customer);
    RecordMetadata letter = deadLetter(key, value, "contract ends before it was cancelled");

    // The page offers it for redrive with a checkbox.
    Browser browser = browser();
    assertThat(browser.logIn(ADMIN, ADMIN).headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).doesNotContain("error"));
    String page = await().atMost(Duration.ofSeconds(30)).until(() -> browser.get("/dead-letters").body(),
        body -> body.contains("value=\"" + letter.partition() + ":" + letter.offset() + "\""));

    // Redrive through the page's form, with its CSRF token.
    HttpResponse<String> redriven = browser.postPairs("/dead-letters/redrive", List.of(
        List.of("_csrf", Browser.csrf(page)),
        List.of("selected", letter.partition() + ":" + letter.offset())));
    assertThat(redriven.statusCode()).isEqualTo(302);
    assertThat(browser.get("/dead-letters").body()).contains("REDRIVEN");

    // The original key and value are back on the source topic, without the dead-letter headers.
    List<ConsumerRecord<byte[], byte[]>> back = await().atMost(Duration.ofSeconds(30)).until(
        () -> TestConsumers.readToEnd(bootstrap, Topics.CANCELLATIONS.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).stream()
            .filter(record -> Arrays.equals(record.key(), key)).toList(),
        found -> !found.isEmpty());
    assertThat(back).hasSize(1);
    assertThat(back.get(0).value()).isEqualTo(value);
    Map<String, String> headers = Arrays.stream(back.get(0).headers().toArray())
        .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
    assertThat(headers.keySet()).noneMatch(name -> name.startsWith(DeadLetterHeaders.PREFIX));
    assertThat(headers).containsEntry("traceparent", "00-abc-def-01")
        .containsEntry(RedriveHeaders.BY, ADMIN)
        .containsEntry(RedriveHeaders.DLQ_TOPIC, Topics.DEAD_LETTERS.name())
        .containsEntry(RedriveHeaders.DLQ_PARTITION, Integer.toString(letter.partition()))
        .containsEntry(RedriveHeaders.DLQ_OFFSET, Long.toString(letter.offset()))
        .containsKeys(RedriveHeaders.ID, RedriveHeaders.AT);

    // Audited: visible in the API, and logged with ids and the operator but no key or value.
    JsonNode audit = entriesFor(http().json("/api/dead-letters/audit", ADMIN), letter).get(0);
    assertThat(audit.path("action").asText()).isEqualTo("REDRIVE");
    assertThat(audit.path("outcome").asText()).isEqualTo("REDRIVEN");
    assertThat(audit.path("user").asText()).isEqualTo(ADMIN);
    assertThat(audit.path("targetTopic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(audit.path("targetOffset").asLong()).isEqualTo(back.get(0).offset());
    assertThat(output.getOut()).contains("redrive id=" + audit.path("id").asText(), "user=" + ADMIN,
        "outcome=REDRIVEN").doesNotContain(customer);

    // Every operator sees that it was redriven; a second redrive is refused as a duplicate.
    JsonNode listed = find(http().json("/api/dead-letters", OPS), letter);
    assertThat(listed.path("redriven").path("targetTopic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(listed.path("redriven").has("user")).as("who did it is in the audit").isFalse();
    JsonNode again = post("/api/dead-letters/redrive", ADMIN, letter);
    assertThat(again.path("results").get(0).path("outcome").asText()).isEqualTo("SKIPPED");
  }

  @Test
  void onlyAnAdminMayRevealOrRedriveAndTheFormsNeedTheirCsrfToken() {
    awaitCatalogue();
    String body = "{\"records\":[{\"partition\":0,\"offset\":0}]}";

    assertThat(http().get("/api/dead-letters", null).statusCode()).isEqualTo(401);
    assertThat(http().post("/api/dead-letters/0/0/reveal", null).statusCode()).isEqualTo(401);
    assertThat(http().postJson("/api/dead-letters/redrive", null, body).statusCode()).isEqualTo(401);
    assertThat(http().get("/api/dead-letters/audit", null).statusCode()).isEqualTo(401);
    assertThat(http().post("/api/dead-letters/0/0/reveal", OPS).statusCode()).isEqualTo(403);
    assertThat(http().postJson("/api/dead-letters/redrive", OPS, body).statusCode()).isEqualTo(403);
    assertThat(http().get("/api/dead-letters/audit", OPS).statusCode()).isEqualTo(403);

    Browser viewer = browser();
    viewer.logIn(OPS, OPS);
    String token = Browser.csrf(viewer.get("/dead-letters").body());
    assertThat(viewer.post("/dead-letters/0/0/reveal", Map.of("_csrf", token)).statusCode()).isEqualTo(403);
    assertThat(viewer.post("/dead-letters/redrive", Map.of("_csrf", token, "selected", "0:0")).statusCode())
        .isEqualTo(403);

    // The page's forms only work with the page's CSRF token.
    Browser admin = browser();
    admin.logIn(ADMIN, ADMIN);
    assertThat(admin.post("/dead-letters/redrive", Map.of("selected", "0:0")).statusCode()).isEqualTo(403);
    assertThat(admin.post("/dead-letters/0/0/reveal", Map.of()).statusCode()).isEqualTo(403);

    // An admin asking for a letter that is not there gets NOT_FOUND, and nothing is sent.
    JsonNode missing = post("/api/dead-letters/redrive", ADMIN, new long[] {0, 999_999});
    assertThat(missing.path("results").get(0).path("outcome").asText()).isEqualTo("NOT_FOUND");
    assertThat(http().postJson("/api/dead-letters/redrive", ADMIN, "{\"records\":[]}").statusCode()).isEqualTo(400);
  }

  /** Puts a dead letter on the topic the way the processor does: original key, value and headers, plus ours. */
  private RecordMetadata deadLetter(byte[] key, byte[] value, String error) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, key, value,
        DeadLetterFixtures.headers(Topics.CANCELLATIONS.name(), error));
    return TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(), List.of(record)).get(0);
  }

  private JsonNode post(String path, String user, RecordMetadata letter) {
    return post(path, user, new long[] {letter.partition(), letter.offset()});
  }

  private JsonNode post(String path, String user, long[] position) {
    HttpResponse<String> response = http().postJson(path, user,
        "{\"records\":[{\"partition\":" + position[0] + ",\"offset\":" + position[1] + "}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return Http.JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode find(JsonNode deadLetters, RecordMetadata letter) {
    for (JsonNode record : deadLetters.path("records")) {
      if (record.path("partition").asInt() == letter.partition() && record.path("offset").asLong() == letter.offset()) {
        return record;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String reveal(RecordMetadata letter) {
    return "/api/dead-letters/" + letter.partition() + "/" + letter.offset() + "/reveal";
  }

  /** The audit entries of one letter, newest first. */
  private static List<JsonNode> entriesFor(JsonNode audit, RecordMetadata letter) {
    return java.util.stream.StreamSupport.stream(audit.spliterator(), false)
        .filter(entry -> entry.path("dlqPartition").asInt() == letter.partition()
            && entry.path("dlqOffset").asLong() == letter.offset())
        .toList();
  }

  private static List<String> names(JsonNode headers) {
    return java.util.stream.StreamSupport.stream(headers.spliterator(), false)
        .map(header -> header.path("name").asText()).toList();
  }
}
