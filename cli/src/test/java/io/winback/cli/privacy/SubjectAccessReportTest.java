package io.winback.cli.privacy;

import static io.winback.cli.privacy.PrivacyFixtures.erased;
import static io.winback.cli.privacy.PrivacyFixtures.headers;
import static io.winback.cli.privacy.PrivacyFixtures.key;
import static io.winback.cli.privacy.PrivacyFixtures.letter;
import static io.winback.cli.privacy.PrivacyFixtures.relationshipBytes;
import static io.winback.cli.privacy.PrivacyFixtures.sealedValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.serde.TrustedPackages;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subject access report's assembly: every part with where it came from, opened while the key exists. */
class SubjectAccessReportTest {

  private static final String CUSTOMER = "C-3001";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final KeyMaterial keyMaterial = Sealing.newKey(1);

  @BeforeAll
  static void trust() {
    TrustedPackages.install();
  }

  @Test
  void everyPartSaysWhereItCameFromAndTheServicesReportsGoInAsTheyAnswered() throws Exception {
    JsonNode processorReport = JsonRecords.mapper().readTree("{\"relationship\":{\"source\":\"store relationships\","
        + "\"lastName\":\"Quellmalz\"}}");

    ObjectNode report = SubjectAccessReport.assemble(CUSTOMER, NOW,
        new ServiceAnswer("churn-processor", "GET http://p/privacy/customers/C-3001", 200, processorReport, null),
        new ServiceAnswer("outreach-desk", "GET http://d/api/privacy/customers/C-3001", -1, null, "no answer"),
        SubjectAccessReport.KeyFinding.of(CUSTOMER, List.of()), List.of());

    assertThat(report.path("customerId").asText()).isEqualTo(CUSTOMER);
    assertThat(report.path("generatedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(report.path("complete").asBoolean()).as("the desk did not answer").isFalse();
    JsonNode parts = report.path("parts");
    assertThat(parts.path("churnProcessor").path("source").asText())
        .isEqualTo("GET http://p/privacy/customers/C-3001");
    assertThat(parts.path("churnProcessor").path("status").asText()).isEqualTo("ok");
    assertThat(parts.path("churnProcessor").path("report")).isEqualTo(processorReport);
    assertThat(parts.path("outreachDesk").path("status").asText()).isEqualTo("unreachable");
    assertThat(parts.path("outreachDesk").path("problem").asText()).isEqualTo("no answer");
    assertThat(parts.path("outreachDesk").has("report")).isFalse();
    assertThat(parts.path("deadLetters").path("source").asText()).startsWith("topic winback.dlq.v1");
    assertThat(parts.path("customerKey").path("source").asText()).startsWith("topic winback.keys.v1");
    assertThat(parts.path("customerKey").path("state").asText()).isEqualTo("NONE");
    assertThat(report.path("notCovered").toString()).contains("billing.cancellations.v1", "crm.relationships.v1",
        "backups");
  }

  @Test
  void aSealedDeadLetterIsOpenedWithTheCustomersKeyAndTheKeysBytesAreNeverShown() {
    ObjectNode report = assemble(List.of(key(CUSTOMER, keyMaterial)),
        letter(CUSTOMER, 7, sealedValue(CUSTOMER, keyMaterial, 41), headers(41, true)));

    JsonNode letter = report.path("parts").path("deadLetters").path("records").get(0);
    assertThat(letter.path("valueState").asText()).isEqualTo("OPENED");
    assertThat(letter.path("value").path("firstName").asText()).isEqualTo("Zora");
    assertThat(letter.path("value").path("email").asText()).isEqualTo("zora.quellmalz@example.org");
    assertThat(letter.path("sourceTopic").asText()).isEqualTo("crm.relationships.v1");
    assertThat(letter.path("sourceOffset").asText()).isEqualTo("41");
    assertThat(letter.path("offset").asLong()).isEqualTo(7);
    assertThat(letter.path("errorMessage").asText()).isEqualTo("lastName is blank");
    assertThat(letter.path("headers").path("traceparent").asText()).isEqualTo("00-abc-def-01");
    assertThat(letter.path("headers").has("winback.dlq.sealed")).isFalse();
    JsonNode key = report.path("parts").path("customerKey");
    assertThat(key.path("state").asText()).isEqualTo("KNOWN");
    assertThat(key.path("keyVersion").asInt()).isEqualTo(1);
    assertThat(key.path("createdAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
    assertThat(report.toString()).doesNotContain(Base64.getEncoder().encodeToString(keyMaterial.bytes()));
  }

  @Test
  void afterTheErasureTheLetterIsListedButReadsErasedAndTheKeyAsErased() {
    ObjectNode report = assemble(List.of(key(CUSTOMER, keyMaterial), erased(CUSTOMER)),
        letter(CUSTOMER, 7, sealedValue(CUSTOMER, keyMaterial, 41), headers(41, true)));

    JsonNode letter = report.path("parts").path("deadLetters").path("records").get(0);
    assertThat(letter.path("valueState").asText()).isEqualTo("ERASED");
    assertThat(letter.has("value")).isFalse();
    assertThat(letter.has("valueBase64")).isFalse();
    assertThat(report.path("parts").path("customerKey").path("state").asText()).isEqualTo("ERASED");
    assertThat(report.path("parts").path("customerKey").path("erasedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(report.toString()).doesNotContain("Zora", "zora.quellmalz@example.org", "Lindenweg");
  }

  @Test
  void aLetterInTheClearIsShownDecodedAndABrokenSealNotAtAll() {
    ObjectNode report = assemble(List.of(key(CUSTOMER, keyMaterial)),
        letter(CUSTOMER, 1, relationshipBytes(CUSTOMER, ""), headers(40, false)),
        letter(CUSTOMER, 2, sealedValue(CUSTOMER, Sealing.newKey(1), 41), headers(41, true)),
        letter(CUSTOMER, 3, new byte[] {1, 2, 3}, headers(42, false)));

    JsonNode records = report.path("parts").path("deadLetters").path("records");
    assertThat(records.get(0).path("valueState").asText()).isEqualTo("PLAIN");
    assertThat(records.get(0).path("value").path("phone").asText()).isEqualTo("+4930555123");
    assertThat(records.get(1).path("valueState").asText()).isEqualTo("SEAL_BROKEN");
    assertThat(records.get(1).has("value") || records.get(1).has("valueBase64")).isFalse();
    assertThat(records.get(1).path("note").asText()).contains("do not open");
    assertThat(records.get(2).path("valueBase64").asText()).isEqualTo("AQID");
    assertThat(records.get(2).path("decodeError").asText()).isNotBlank();
  }

  @SafeVarargs
  private ObjectNode assemble(List<io.winback.events.CustomerKey> keys,
      org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>... letters) {
    return SubjectAccessReport.assemble(CUSTOMER, NOW,
        new ServiceAnswer("churn-processor", "GET p", 200, JsonRecords.mapper().createObjectNode(), null),
        new ServiceAnswer("outreach-desk", "GET d", 200, JsonRecords.mapper().createObjectNode(), null),
        SubjectAccessReport.KeyFinding.of(CUSTOMER, keys), List.of(letters));
  }
}
