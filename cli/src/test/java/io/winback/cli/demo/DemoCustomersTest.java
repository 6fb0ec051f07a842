package io.winback.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCustomersTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void theSameSeedGivesTheSameCustomers() {
    assertThat(new DemoCustomers(7, CLOCK).relationships(20)).isEqualTo(new DemoCustomers(7, CLOCK).relationships(20));
  }

  @Test
  void customersSpeakGermanAndEnglishAndAreValidEvents() {
    List<CustomerRelationship> customers = new DemoCustomers(7, CLOCK).relationships(60);

    assertThat(customers).extracting(CustomerRelationship::getLanguage).contains(Language.de, Language.en);
    assertThat(customers).allSatisfy(customer -> {
      assertThat(customer.getCustomerId()).matches("DEMO-\\d{4}");
      assertThat(customer.getEmail()).satisfiesAnyOf(
          email -> assertThat(email).isNull(), email -> assertThat(email).endsWith("@example.org"));
      // encodable: every required field is set
      assertThat(Topics.RELATIONSHIPS.valueSerde().serializer().serialize("t", customer)).isNotEmpty();
    });
  }

  @Test
  void cancellationsEndInTheFutureAndWithdrawalsReferToTheSameContract() {
    DemoCustomers demo = new DemoCustomers(7, CLOCK);
    List<CustomerRelationship> customers = demo.relationships(30);

    for (int i = 0; i < 500; i++) {
      CancellationEvent cancellation = demo.cancellation(customers.get(demo.nextIndex(customers.size())));
      CancellationEvent withdrawal = demo.withdrawal(cancellation);

      assertThat(cancellation.getEffectiveAt()).isAfter(cancellation.getOccurredAt().atZone(ZoneOffset.UTC).toLocalDate());
      assertThat(withdrawal.getType()).isEqualTo(CancellationType.WITHDRAWN);
      assertThat(withdrawal.getContractId()).isEqualTo(cancellation.getContractId());
      assertThat(withdrawal.getEventId()).isNotEqualTo(cancellation.getEventId());
      assertThat(Topics.CANCELLATIONS.valueSerde().serializer().serialize("t", cancellation)).isNotEmpty();
    }
  }
}
