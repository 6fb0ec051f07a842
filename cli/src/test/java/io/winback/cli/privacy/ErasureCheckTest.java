package io.winback.cli.privacy;

import static io.winback.cli.privacy.PrivacyFixtures.erased;
import static io.winback.cli.privacy.PrivacyFixtures.headers;
import static io.winback.cli.privacy.PrivacyFixtures.key;
import static io.winback.cli.privacy.PrivacyFixtures.letter;
import static io.winback.cli.privacy.PrivacyFixtures.relationshipBytes;
import static io.winback.cli.privacy.PrivacyFixtures.sealedValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.CustomerKey;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.serde.TrustedPackages;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When every copy is gone, judged on the report after the erasure against what was personal before it. */
class ErasureCheckTest {

  private static final String CUSTOMER = "C-4001";
  private final KeyMaterial keyMaterial = Sealing.newKey(1);

  @BeforeAll
  static void trust() {
    TrustedPackages.install();
  }

  @Test
  void personalValuesAreFoundByTheSchemasFieldNamesWhereverAReportHoldsThem() throws Exception {
    PersonalValues values = PersonalValues.in(json("{\"store\":\"relationships\",\"relationship\":{\"firstName\":"
        + "\"Zora\",\"email\":\"zora@example.org\",\"postalAddress\":{\"street\":\"Lindenweg 7\",\"country\":\"DE\"}},"
        + "\"tasks\":[{\"taskId\":\"t-1\",\"contact\":{\"name\":\"Zora Quellmalz\",\"salutation\":\"MS\"},"
        + "\"message\":\"Guten Tag Frau Quellmalz\",\"status\":\"DONE\"}],\"feedback\":[{\"feedbackText\":"
        + "\"Zu teuer geworden\"}]}"));

    assertThat(values.size()).isEqualTo(5); // Zora, the email, the street, the full name, the free text
    assertThat(values.foundIn(json("{\"tasks\":[{\"taskId\":\"t-1\",\"status\":\"DONE\",\"contact\":null,"
        + "\"message\":\"\"}],\"relationship\":null}"))).isEmpty();
    assertThat(values.foundIn(json("{\"audit\":[{\"text\":\"a mail to zora@example.org went out\"}]}")))
        .containsExactly("/audit/0/text");
    assertThat(values.foundIn(json("{\"relationship\":{\"lastName\":\"Someone Else\"}}")))
        .as("a personal field that is not blank").containsExactly("/relationship/lastName");
    assertThat(values.foundIn(json("{\"store\":\"relationships\",\"country\":\"DE\",\"status\":\"MS\"}"))).isEmpty();
    assertThat(values.foundIn(json("{\"sent_email\":[{\"recipient\":\"(erased)\"},{\"recipient\":\"(sealed)\"}]}")))
        .as("what a service puts where the value was").isEmpty();
    assertThat(values.foundIn(json("{\"recipient\":\"(Zora) zora@example.org\"}"))).isNotEmpty();
  }

  @Test
  void everyCopyIsGoneWhenTheKeyIsErasedTheReportsAreCleanAndNoLetterOpens() throws Exception {
    JsonNode before = report(List.of(key(CUSTOMER, keyMaterial)), "{\"relationship\":{\"lastName\":\"Quellmalz\"}}",
        sealedLetter());
    PersonalValues personal = PersonalValues.in(before);
    assertThat(personal.isEmpty()).isFalse();

    JsonNode after = report(List.of(key(CUSTOMER, keyMaterial), erased(CUSTOMER)),
        "{\"cases\":[{\"caseId\":\"case-1\",\"status\":\"FEEDBACK_COLLECTED\"}]}", sealedLetter());

    assertThat(ErasureCheck.outstanding(after, personal)).isEmpty();
  }

  @Test
  void untilThenItSaysWhatIsNotGoneAndWhetherWaitingHelps() throws Exception {
    JsonNode before = report(List.of(key(CUSTOMER, keyMaterial)), "{\"relationship\":{\"lastName\":\"Quellmalz\"}}",
        sealedLetter());
    PersonalValues personal = PersonalValues.in(before);

    List<ErasureCheck.Outstanding> outstanding = ErasureCheck.outstanding(before, personal);

    assertThat(outstanding).extracting(ErasureCheck.Outstanding::what).anySatisfy(what ->
        assertThat(what).contains("winback.keys.v1", "still there")).anySatisfy(what ->
        assertThat(what).contains("churn-processor", "/relationship/lastName")).anySatisfy(what ->
        assertThat(what).contains("winback.dlq.v1 0/7", "still opens"));
    assertThat(outstanding).allMatch(ErasureCheck.Outstanding::settles);

    JsonNode withAPlainLetter = report(List.of(erased(CUSTOMER)), "{}",
        letter(CUSTOMER, 9, relationshipBytes(CUSTOMER, ""), headers(40, false)));
    assertThat(ErasureCheck.outstanding(withAPlainLetter, personal)).singleElement().satisfies(item -> {
      assertThat(item.what()).contains("winback.dlq.v1 0/9", "in the clear", "30 days",
          Instant.parse("2026-12-20T09:00:00Z").toString());
      assertThat(item.settles()).as("waiting does not remove it").isFalse();
    });
  }

  @Test
  void aServiceThatDoesNotAnswerIsNotDone() {
    JsonNode report = SubjectAccessReport.assemble(CUSTOMER, Instant.EPOCH,
        new ServiceAnswer("churn-processor", "GET p", 403, null, "HTTP 403: the user lacks the role DATA_PROTECTION"),
        new ServiceAnswer("outreach-desk", "GET d", 200, JsonRecords.mapper().createObjectNode(), null),
        SubjectAccessReport.KeyFinding.of(CUSTOMER, List.of(erased(CUSTOMER))), List.of());

    assertThat(ErasureCheck.outstanding(report, PersonalValues.none())).singleElement().satisfies(item ->
        assertThat(item.what()).contains("churn-processor", "DATA_PROTECTION"));
  }

  private ConsumerRecord<byte[], byte[]> sealedLetter() {
    return letter(CUSTOMER, 7, sealedValue(CUSTOMER, keyMaterial, 41), headers(41, true));
  }

  private static JsonNode report(List<CustomerKey> keys, String processorReport,
      ConsumerRecord<byte[], byte[]> letter) throws Exception {
    return SubjectAccessReport.assemble(CUSTOMER, Instant.EPOCH,
        new ServiceAnswer("churn-processor", "GET p", 200, json(processorReport), null),
        new ServiceAnswer("outreach-desk", "GET d", 200, JsonRecords.mapper().createObjectNode(), null),
        SubjectAccessReport.KeyFinding.of(CUSTOMER, keys), List.of(letter));
  }

  private static JsonNode json(String text) throws Exception {
    return JsonRecords.mapper().readTree(text);
  }
}
