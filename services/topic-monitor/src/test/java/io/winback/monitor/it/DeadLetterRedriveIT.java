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
 * A dead letter as the processor writes it: shown decoded with its headers, redriven by an
 * operator to its source topic with the same key and value, audited without personal data; and
 * nobody without the OPS role gets to see or redrive one.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterRedriveIT extends MonitorItBase {

  private final String bootstrap = KafkaTestBroker.bootstrapServers();

  @Test
  void anOperatorSeesADeadLetterDecodedAndRedrivesItToItsSourceTopic(CapturedOutput output) {
    awaitCatalogue();
    String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] key = customer.getBytes(StandardCharsets.UTF_8);
    byte[] value = Topics.CANCELLATIONS.valueSerde().serializer()
        .serialize(Topics.CANCELLATIONS.name(), DeadLetterFixtures.cancellation(customer));
    RecordMetadata letter = deadLetter(key, value, "contract ends before it was cancelled");
    RecordMetadata garbage = deadLetter(key, new byte[] {1, 2, 3}, "not single-object encoded");

    // The API shows it decoded with the source topic's serde, with every header.
    JsonNode shown = await().atMost(Duration.ofSeconds(30)).until(() -> find(http().json("/api/dead-letters", OPS), letter),
        json -> !json.isMissingNode());
    assertThat(shown.path("value").path("eventId").asText()).isEqualTo("evt-" + customer);
    assertThat(shown.path("value").path("customerId").asText()).isEqualTo(customer);
    assertThat(shown.path("key").asText()).isEqualTo(customer);
    assertThat(shown.path("sourceTopic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(shown.path("errorMessage").asText()).isEqualTo("contract ends before it was cancelled");
    assertThat(names(shown.path("deadLetterHeaders"))).contains(DeadLetterHeaders.SOURCE_TOPIC,
        DeadLetterHeaders.SOURCE_PARTITION, DeadLetterHeaders.SOURCE_OFFSET, DeadLetterHeaders.ERROR_CLASS,
        DeadLetterHeaders.ERROR_MESSAGE, DeadLetterHeaders.FAILED_AT, DeadLetterHeaders.SERVICE);
    assertThat(names(shown.path("headers"))).containsExactly("traceparent");
    JsonNode undecodable = find(http().json("/api/dead-letters", OPS), garbage);
    assertThat(undecodable.path("value").isNull() || undecodable.path("value").isMissingNode()).isTrue();
    assertThat(undecodable.path("valueBase64").asText()).isEqualTo("AQID");
    assertThat(undecodable.path("decodeError").asText()).isNotBlank();

    // The page shows it too, with a checkbox to select it.
    Browser browser = browser();
    assertThat(browser.logIn(OPS, "ops").headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).doesNotContain("error"));
    String page = browser.get("/dead-letters").body();
    assertThat(page).contains("evt-" + customer, "value=\"" + letter.partition() + ":" + letter.offset() + "\"",
        DeadLetterHeaders.ERROR_MESSAGE);

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
        .containsEntry(RedriveHeaders.BY, OPS)
        .containsEntry(RedriveHeaders.DLQ_TOPIC, Topics.DEAD_LETTERS.name())
        .containsEntry(RedriveHeaders.DLQ_PARTITION, Integer.toString(letter.partition()))
        .containsEntry(RedriveHeaders.DLQ_OFFSET, Long.toString(letter.offset()))
        .containsKeys(RedriveHeaders.ID, RedriveHeaders.AT);

    // Audited: visible in the API, and logged with ids and the operator but no key or value.
    JsonNode audit = http().json("/api/dead-letters/audit", OPS).get(0);
    assertThat(audit.path("outcome").asText()).isEqualTo("REDRIVEN");
    assertThat(audit.path("user").asText()).isEqualTo(OPS);
    assertThat(audit.path("dlqPartition").asInt()).isEqualTo(letter.partition());
    assertThat(audit.path("dlqOffset").asLong()).isEqualTo(letter.offset());
    assertThat(audit.path("targetTopic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(audit.path("targetOffset").asLong()).isEqualTo(back.get(0).offset());
    assertThat(output.getOut()).contains("redrive id=" + audit.path("id").asText(), "user=ops", "outcome=REDRIVEN")
        .doesNotContain(customer);

    // A second redrive of the same letter is refused as a duplicate, over the API this time.
    JsonNode again = post("/api/dead-letters/redrive", OPS, letter);
    assertThat(again.path("results").get(0).path("outcome").asText()).isEqualTo("SKIPPED");
  }

  @Test
  void onlyOperatorsMayReadOrRedriveDeadLetters() {
    awaitCatalogue();
    String body = "{\"records\":[{\"partition\":0,\"offset\":0}]}";

    assertThat(http().get("/api/dead-letters", null).statusCode()).isEqualTo(401);
    assertThat(http().postJson("/api/dead-letters/redrive", null, body).statusCode()).isEqualTo(401);
    assertThat(http().get("/api/dead-letters", VIEWER).statusCode()).isEqualTo(403);
    assertThat(http().postJson("/api/dead-letters/redrive", VIEWER, body).statusCode()).isEqualTo(403);
    assertThat(http().get("/api/dead-letters/audit", VIEWER).statusCode()).isEqualTo(403);

    Browser viewer = browser();
    viewer.logIn(VIEWER, "viewer");
    assertThat(viewer.get("/dead-letters").statusCode()).isEqualTo(403);

    // The page's form only works with the page's CSRF token.
    Browser operator = browser();
    operator.logIn(OPS, "ops");
    assertThat(operator.post("/dead-letters/redrive", Map.of("selected", "0:0")).statusCode()).isEqualTo(403);

    // An operator asking for a letter that is not there gets NOT_FOUND, and nothing is sent.
    JsonNode missing = post("/api/dead-letters/redrive", OPS, new long[] {0, 999_999});
    assertThat(missing.path("results").get(0).path("outcome").asText()).isEqualTo("NOT_FOUND");
    assertThat(http().postJson("/api/dead-letters/redrive", OPS, "{\"records\":[]}").statusCode()).isEqualTo(400);
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

  private static List<String> names(JsonNode headers) {
    return java.util.stream.StreamSupport.stream(headers.spliterator(), false)
        .map(header -> header.path("name").asText()).toList();
  }
}
