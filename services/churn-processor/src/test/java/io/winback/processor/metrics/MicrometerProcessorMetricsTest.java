package io.winback.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.winback.processor.cases.Effect;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

/** Counters an alert watches exist from start-up, at zero, for every label value they can take. */
class MicrometerProcessorMetricsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerProcessorMetrics metrics = new MicrometerProcessorMetrics(registry);

  @Test
  void timerFailuresAreThereAtZeroForEveryKindOfTimer() {
    String scrape = registry.scrape();

    assertThat(scrape).contains("winback_timer_failures_total{kind=\"DATA_GRACE\"} 0.0")
        .contains("winback_timer_failures_total{kind=\"NO_ANSWER\"} 0.0");
  }

  @Test
  void everyProcessorEventIsThereAtZero() {
    String scrape = registry.scrape();

    for (String event : ProcessorMetrics.EVENTS) {
      assertThat(scrape).contains("event=\"" + event + "\"} 0.0");
    }
  }

  @Test
  void expiredCasesAreCountedFromZero() {
    assertThat(registry.scrape()).contains("winback_cases_expired_total 0.0");

    metrics.caseExpired();

    assertThat(registry.get("winback.cases.expired").counter().count()).isEqualTo(1.0);
  }

  @Test
  void deadLettersAreThereAtZeroForEveryInputAndReasonSoThatTheFirstOneIsSeen() {
    String scrape = registry.scrape();

    for (TopicSpec<?, ?> input : Topics.INPUTS) {
      for (String reason : MicrometerProcessorMetrics.INPUT_DEAD_LETTER_REASONS) {
        assertThat(scrape).contains("winback_dead_letters_total{reason=\"" + reason + "\",source=\"" + input.name()
            + "\"} 0.0");
      }
    }
    assertThat(scrape).contains("winback_dead_letters_total{reason=\"unknown-case\",source=\"outreach.feedback.v1\"} 0.0")
        .contains("winback_dead_letters_total{reason=\"timer-failing\",source=\"timer\"} 0.0");
  }

  @Test
  void aDeadLetterCountsForItsSourceAndReason() {
    metrics.deadLettered(Topics.CANCELLATIONS.name(), "InvalidInputException");

    assertThat(registry.get("winback.dead.letters").tags("source", Topics.CANCELLATIONS.name(),
        "reason", "InvalidInputException").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("winback.dead.letters").tags("source", Topics.RELATIONSHIPS.name(),
        "reason", "InvalidInputException").counter().count()).isZero();
  }

  @Test
  void aTimerFailureCountsForItsKind() {
    metrics.timerFailed(Effect.Timer.Kind.NO_ANSWER);

    assertThat(registry.get("winback.timer.failures").tag("kind", "NO_ANSWER").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("winback.timer.failures").tag("kind", "DATA_GRACE").counter().count()).isZero();
  }

  @Test
  void customerChoicesAndCasesByCohortAreThereAtZero() {
    String scrape = registry.scrape();

    for (String choice : new String[] {"NO_CONTACT", "WRITTEN_ONLY", "PHONE", "IN_PERSON"}) {
      assertThat(scrape).contains("winback_customer_choices_total{choice=\"" + choice + "\"} 0.0");
    }
    assertThat(scrape).doesNotContain("choice=\"NONE\"")
        .contains("winback_cases_opened_total{cohort=\"TREATED\"} 0.0")
        .contains("winback_cases_opened_total{cohort=\"HOLDOUT\"} 0.0")
        .contains("winback_timer_failures_total{kind=\"CONTRACT_END\"} 0.0");

    metrics.customerChoice(io.winback.events.CustomerChoice.PHONE);
    metrics.caseOpened(io.winback.events.Cohort.HOLDOUT);

    assertThat(registry.get("winback.customer.choices").tag("choice", "PHONE").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("winback.cases.opened").tag("cohort", "HOLDOUT").counter().count()).isEqualTo(1.0);
  }
}
