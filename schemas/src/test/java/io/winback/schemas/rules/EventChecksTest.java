package io.winback.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.serde.TrustedPackages;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventChecksTest {

  private static final Instant OCCURRED = Instant.parse("2026-11-11T09:00:00Z");

  @BeforeAll
  static void trustTheGeneratedClasses() {
    TrustedPackages.install();
  }

  @Test
  void aSoundCancellationHasNoProblem() {
    assertThat(EventChecks.problem("C-1", cancellation("E-1", "C-1", LocalDate.parse("2027-01-31")))).isEmpty();
  }

  @Test
  void blankIdsAKeyThatDoesNotMatchAndAContractEndBeforeTheCancellationAreNamed() {
    assertThat(EventChecks.problem("C-1", cancellation(" ", "C-1", LocalDate.parse("2027-01-31"))))
        .contains("eventId is blank");
    assertThat(EventChecks.problem("C-2", cancellation("E-1", "C-1", LocalDate.parse("2027-01-31"))))
        .contains("the record key 'C-2' does not match customerId 'C-1'");
    assertThat(EventChecks.problem("C-1", cancellation("E-1", "C-1", LocalDate.parse("2026-11-10"))))
        .contains("effectiveAt 2026-11-10 is before occurredAt 2026-11-11T09:00:00Z");
  }

  @Test
  void aRelationshipNeedsItsCustomerInTheKeyAndALastName() throws Exception {
    CustomerRelationship withoutName = JsonRecords.fromJson(JsonRecords.mapper().readTree("""
        {"customerId":"C-1","salutation":"MS","firstName":"Anna","lastName":" ","language":"de",
         "timezone":"Europe/Berlin","consent":{},"customerSince":"2020-01-01"}"""),
        CustomerRelationship.getClassSchema());

    assertThat(EventChecks.problem("C-1", withoutName)).contains("lastName is blank");
    assertThat(EventChecks.keyProblem(" ")).contains("the record has no key (expected the customerId)");
    assertThat(EventChecks.keyProblem("C-1")).isEmpty();
  }

  private static CancellationEvent cancellation(String eventId, String customerId, LocalDate effectiveAt) {
    return CancellationEvent.newBuilder().setEventId(eventId).setType(CancellationType.CANCELLED)
        .setCustomerId(customerId).setContractId("K-1").setProduct("Glasfaser 250")
        .setReason(CancellationReason.PRICE).setOccurredAt(OCCURRED).setEffectiveAt(effectiveAt).build();
  }
}
