package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.CustomerKey;
import io.winback.monitor.deadletters.DeadLetterFixtures;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.Sealing;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Dead letters sealed with their customer's key, on a real broker, with the keys on
 * winback.keys.v1 as the processor writes them: a reveal opens and decodes the value; after the
 * erasure it reads "erased" (no bytes, no error) and a redrive is refused; a key the monitor has
 * not read is "not available yet"; a seal that does not open shows nothing but the reason; a
 * dropped value says why. A redrive sends the opened original back, never the sealed bytes.
 */
class SealedDeadLetterIT extends MonitorItBase {

  private final String bootstrap = KafkaTestBroker.bootstrapServers();

  @Test
  void aSealedLetterIsOpenedForTheRevealAndGoesBackOpenedOnRedrive() {
    awaitCatalogue();
    String customer = customer();
    KeyMaterial key = Sealing.newKey(1);
    publishKey(DeadLetterFixtures.keyRecord(customer, key));
    byte[] original = DeadLetterFixtures.cancellationBytes(customer);
    RecordMetadata letter = sealedLetter(customer, key, original);

    JsonNode shown = await("the monitor's key ring has the key").atMost(Duration.ofSeconds(30))
        .until(() -> revealed(letter), json -> "OPENED".equals(json.path("valueState").asText()));
    assertThat(shown.path("value").path("eventId").asText()).isEqualTo("evt-" + customer);
    assertThat(shown.path("value").path("reasonText").asText()).isEqualTo("Zu teuer geworden");
    assertThat(shown.path("decodeError").isNull()).isTrue();

    Browser admin = browser();
    admin.logIn(ADMIN, ADMIN);
    String list = admin.get("/dead-letters").body();
    HttpResponse<String> page = admin.post(revealPath(letter).replace("/api", ""), Map.of("_csrf",
        Browser.csrf(list)));
    assertThat(page.body()).contains("id=\"value-opened\"", "evt-" + customer);

    JsonNode redriven = redrive(letter);
    assertThat(redriven.path("outcome").asText()).isEqualTo("REDRIVEN");
    List<ConsumerRecord<byte[], byte[]>> sent = TestConsumers.readToEnd(bootstrap, Topics.CANCELLATIONS.name(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer()).stream()
        .filter(record -> Arrays.equals(record.key(), utf8(customer))).toList();
    assertThat(sent).singleElement().satisfies(record -> {
      assertThat(record.value()).as("the original bytes, opened").isEqualTo(original);
      assertThat(record.headers().lastHeader(DeadLetterHeaders.SEALED)).isNull();
    });
  }

  @Test
  void afterTheErasureTheLetterReadsErasedAndIsNotRedriven() {
    awaitCatalogue();
    String customer = customer();
    KeyMaterial key = Sealing.newKey(1);
    publishKey(DeadLetterFixtures.keyRecord(customer, key));
    RecordMetadata letter = sealedLetter(customer, key, DeadLetterFixtures.cancellationBytes(customer));
    await().atMost(Duration.ofSeconds(30)).until(() -> revealed(letter),
        json -> "OPENED".equals(json.path("valueState").asText()));

    publishKey(DeadLetterFixtures.erasedRecord(customer));

    JsonNode erased = await("the erasure reaches the monitor").atMost(Duration.ofSeconds(30))
        .until(() -> revealed(letter), json -> "ERASED".equals(json.path("valueState").asText()));
    assertThat(erased.path("value").isNull()).isTrue();
    assertThat(erased.path("valueBase64").isNull()).isTrue();
    assertThat(erased.path("decodeError").isNull()).as("an erasure is no error").isTrue();
    assertThat(erased.toString()).doesNotContain("Zu teuer", "evt-" + customer);
    Browser admin = browser();
    admin.logIn(ADMIN, ADMIN);
    String list = admin.get("/dead-letters").body();
    assertThat(admin.post(revealPath(letter).replace("/api", ""), Map.of("_csrf", Browser.csrf(list))).body())
        .contains("id=\"value-erased\"").doesNotContain("Zu teuer");

    JsonNode refused = redrive(letter);
    assertThat(refused.path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(refused.path("note").asText()).contains("erased since");

    // A letter of that customer in the clear (an older writer's) is not sent back either.
    RecordMetadata plain = TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, utf8(customer),
            DeadLetterFixtures.cancellationBytes(customer),
            DeadLetterFixtures.headers(Topics.CANCELLATIONS.name(), "boom"))))
        .get(0);
    assertThat(redrive(plain).path("note").asText()).contains("erased since");
    assertThat(TestConsumers.readToEnd(bootstrap, Topics.CANCELLATIONS.name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())).noneMatch(record -> Arrays.equals(record.key(), utf8(customer)));
  }

  @Test
  void aKeyNotReadYetIsNotAvailableYetAndTheLetterStaysWhereItIs() {
    awaitCatalogue();
    String customer = customer();
    RecordMetadata letter = sealedLetter(customer, Sealing.newKey(1), DeadLetterFixtures.cancellationBytes(customer));

    JsonNode shown = revealed(letter);
    assertThat(shown.path("valueState").asText()).isEqualTo("KEY_NOT_AVAILABLE");
    assertThat(shown.path("value").isNull()).isTrue();
    assertThat(shown.path("valueBase64").isNull()).isTrue();
    assertThat(redrive(letter).path("note").asText()).contains("not available yet");
  }

  @Test
  void aSealThatDoesNotOpenShowsNothingButTheReasonAndADroppedValueSaysWhy() {
    awaitCatalogue();
    String customer = customer();
    KeyMaterial key = Sealing.newKey(1);
    publishKey(DeadLetterFixtures.keyRecord(customer, key));
    RecordMetadata opens = sealedLetter(customer, key, DeadLetterFixtures.cancellationBytes(customer));
    await().atMost(Duration.ofSeconds(30)).until(() -> revealed(opens),
        json -> "OPENED".equals(json.path("valueState").asText()));
    byte[] sealedWithAnother = DeadLetterFixtures.sealedValue(DeadLetterFixtures.cancellationBytes(customer),
        Sealing.newKey(1), customer, Topics.CANCELLATIONS.name());
    RecordMetadata broken = send(customer, sealedWithAnother,
        DeadLetterFixtures.sealedHeaders(Topics.CANCELLATIONS.name(), "boom"));

    JsonNode shown = revealed(broken);
    assertThat(shown.path("valueState").asText()).isEqualTo("SEAL_BROKEN");
    assertThat(shown.path("valueNote").asText()).contains("do not open");
    assertThat(shown.path("value").isNull()).isTrue();
    assertThat(shown.path("valueBase64").isNull()).isTrue();
    assertThat(shown.toString()).doesNotContain(Base64.getEncoder().encodeToString(sealedWithAnother));
    assertThat(redrive(broken).path("outcome").asText()).isEqualTo("REFUSED");

    RecordHeaders headers = DeadLetterFixtures.headers(Topics.CANCELLATIONS.name(), "boom");
    headers.add(DeadLetterHeaders.VALUE_DROPPED, utf8("no key for the customer could be had"));
    JsonNode dropped = revealed(send(customer, null, headers));
    assertThat(dropped.path("valueState").asText()).isEqualTo("DROPPED");
    assertThat(dropped.path("valueNote").asText()).isEqualTo("no key for the customer could be had");
  }

  private JsonNode revealed(RecordMetadata letter) {
    HttpResponse<String> response = http().post(revealPath(letter), ADMIN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.parse(response).path("letter");
  }

  private JsonNode redrive(RecordMetadata letter) {
    HttpResponse<String> response = http().postJson("/api/dead-letters/redrive", ADMIN,
        "{\"records\":[{\"partition\":" + letter.partition() + ",\"offset\":" + letter.offset() + "}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.parse(response).path("results").get(0);
  }

  private static String revealPath(RecordMetadata letter) {
    return "/api/dead-letters/" + letter.partition() + "/" + letter.offset() + "/reveal";
  }

  /** As the processor writes it: keyed by customerId on winback.keys.v1. */
  private void publishKey(CustomerKey record) {
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.KEYS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.KEYS.name(), record.getCustomerId(), record)));
  }

  /** A cancellation's dead letter sealed for source partition 3, offset 41 (the fixtures' headers). */
  private RecordMetadata sealedLetter(String customer, KeyMaterial key, byte[] original) {
    return send(customer, DeadLetterFixtures.sealedValue(original, key, customer, Topics.CANCELLATIONS.name()),
        DeadLetterFixtures.sealedHeaders(Topics.CANCELLATIONS.name(), "contract ends before it was cancelled"));
  }

  private RecordMetadata send(String customer, byte[] value, RecordHeaders headers) {
    return TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, utf8(customer), value, headers))).get(0);
  }

  private static String customer() {
    return "C-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
