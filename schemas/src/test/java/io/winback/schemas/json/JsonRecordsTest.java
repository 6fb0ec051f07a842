package io.winback.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.events.Tier;
import io.winback.schemas.Fixtures;
import java.time.Instant;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRecordsTest {

  private static final Schema CANCELLATION = CancellationEvent.getClassSchema();

  @Test
  void readsAllFieldTypesOfACancellation() {
    CancellationEvent event = JsonRecords.fromJson(Fixtures.json("cancellation"), CANCELLATION);

    assertThat(event.getEventId()).isEqualTo("evt-1001");
    assertThat(event.getReason()).isEqualTo(CancellationReason.PRICE);
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(event.getEffectiveAt()).hasToString("2027-01-31");
    assertThat(event.getMonthlyRevenue()).isEqualByComparingTo("49.90");
  }

  @Test
  void optionalFieldsMayBeLeftOutAndDefaultsApply() {
    ObjectNode json = (ObjectNode) Fixtures.json("cancellation");
    json.remove("reasonText");
    json.remove("monthlyRevenue");
    json.remove("reason");

    CancellationEvent event = JsonRecords.fromJson(json, CANCELLATION);

    assertThat(event.getReasonText()).isNull();
    assertThat(event.getMonthlyRevenue()).isNull();
    assertThat(event.getReason()).isEqualTo(CancellationReason.UNKNOWN);
  }

  @Test
  void readsNestedRecordsAndEnums() {
    CustomerRelationship relationship =
        JsonRecords.fromJson(Fixtures.json("relationship"), CustomerRelationship.getClassSchema());

    assertThat(relationship.getConsent().getEmail()).isTrue();
    assertThat(relationship.getPostalAddress().getCity()).isEqualTo("Berlin");
    assertThat(relationship.getTier()).isEqualTo(Tier.PREMIUM);
    assertThat(relationship.getAccountManager().getPhone()).isNull();
  }

  @Test
  void acceptsTimestampsWithAnOffset() {
    OutreachFeedback feedback =
        JsonRecords.fromJson(Fixtures.json("feedback"), OutreachFeedback.getClassSchema());

    assertThat(feedback.getRecordedAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cancellation | customerId |                       | customerId | missing (required)",
      "cancellation | reason     | \"BORED\"             | reason     | is not one of [PRICE, SERVICE",
      "cancellation | effectiveAt| \"31.01.2027\"        | effectiveAt| is not a date YYYY-MM-DD",
      "cancellation | occurredAt | \"2026-11-20 09:15\"  | occurredAt | is not an ISO-8601 timestamp",
      "cancellation | monthlyRevenue | \"49.999\"        | monthlyRevenue | at most 2 decimal places",
      "cancellation | monthlyRevenue | \"lots\"          | monthlyRevenue | is not a decimal number",
      "cancellation | eventId    | 42                    | eventId    | expected a string, got number",
      "cancellation | colour     | \"blue\"              | colour     | unknown field",
      "relationship | consent.email | \"yes\"            | consent.email | expected true or false",
      "relationship | customerId | null                  | customerId | must not be null"})
  void namesTheFieldAndTheReasonOfABadValue(String fixture, String field, String value,
      String expectedField, String expectedReason) throws Exception {
    ObjectNode json = (ObjectNode) Fixtures.json(fixture);
    String[] path = field.split("\\.");
    ObjectNode parent = path.length == 1 ? json : (ObjectNode) json.get(path[0]);
    String leaf = path[path.length - 1];
    if (value == null) {
      parent.remove(leaf);
    } else {
      parent.set(leaf, JsonRecords.mapper().readTree(value));
    }
    Schema schema = fixture.equals("cancellation") ? CANCELLATION : CustomerRelationship.getClassSchema();

    assertThatThrownBy(() -> JsonRecords.fromJson(json, schema))
        .isInstanceOfSatisfying(InvalidJsonRecordException.class, e -> {
          assertThat(e.field()).isEqualTo(expectedField);
          assertThat(e.reason()).contains(expectedReason);
        });
  }

  @Test
  void rendersTheSameFormItReads() {
    JsonNode original = Fixtures.json("relationship");
    CustomerRelationship relationship = JsonRecords.fromJson(original, CustomerRelationship.getClassSchema());

    ObjectNode rendered = JsonRecords.toJson(relationship);

    assertThat(rendered.get("customerSince").asText()).isEqualTo("2015-03-01");
    assertThat(rendered.get("tier").asText()).isEqualTo("PREMIUM");
    assertThat(rendered.get("phone").asText()).isEqualTo("+4930123456");
    assertThat(rendered.get("accountManager").get("phone").isNull()).isTrue();
    assertThat((CustomerRelationship) JsonRecords.fromJson(rendered, CustomerRelationship.getClassSchema()))
        .isEqualTo(relationship);
  }

  @Test
  void rendersTimestampsAndDecimalsAsStrings() {
    ObjectNode rendered = JsonRecords.toJson(
        JsonRecords.<CancellationEvent>fromJson(Fixtures.json("cancellation"), CANCELLATION));

    assertThat(rendered.get("occurredAt").asText()).isEqualTo("2026-11-20T09:15:00Z");
    assertThat(rendered.get("monthlyRevenue").asText()).isEqualTo("49.90");
  }
}
