package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.topology.ChurnTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A timer whose transition fails is never dropped: it stays in the store, is tried again after a
 * growing pause (10 s, 20 s, 40 s, then every minute in this harness), is counted, and from the
 * third failure on its case carries the attention an operator sees; when it works again, the case
 * moves on and the attention is gone.
 */
class TimerFailuresTest {

  final FailingLifecycle lifecycle = new FailingLifecycle();
  final TopologyHarness app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING, lifecycle,
      TopologyHarness.TIMER_RETRY);

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void aFailingTimerIsRetriedThenItsCaseNeedsAttentionAndWhenItWorksAgainTheCaseMovesOn() {
    CancellationEvent event = cancellation("C-1", app.now()).build(); // no CRM data: the grace timer runs
    app.send(event);
    String caseId = CaseIds.caseId(event.getEventId());
    app.caseUpdates();
    lifecycle.dataGraceFailure = () -> new IllegalStateException("a bug in the grace timer");

    app.advance(TopologyHarness.DATA_GRACE.plusSeconds(1));
    assertThat(timers()).singleElement().satisfies(timer -> assertThat(timer.value).startsWith("failures=1;"));
    assertThat(app.metrics.events).containsOnlyOnce("timer-failed:DATA_GRACE");
    assertThat(app.latestCase(caseId).getAttention()).isNull();

    app.advance(Duration.ofSeconds(5));
    assertThat(app.metrics.events).as("not before its pause is over").containsOnlyOnce("timer-failed:DATA_GRACE");

    app.advance(Duration.ofSeconds(5)); // 10 s after the first failure
    assertThat(timers()).singleElement().satisfies(timer -> assertThat(timer.value).startsWith("failures=2;"));
    assertThat(app.caseUpdates()).isEmpty();
    assertThat(app.deadLetters.isEmpty()).isTrue();

    app.advance(Duration.ofSeconds(20)); // the third failure: attention
    WinbackCase flagged = app.latestCase(caseId);
    assertThat(flagged.getStatus()).as("the status stays").isEqualTo(CaseStatus.OPEN);
    assertThat(flagged.getAttention()).isNotNull().satisfies(attention -> {
      assertThat(attention.getFailures()).isEqualTo(3);
      assertThat(attention.getReason()).contains("timer DATA_GRACE failed 3 time(s)", "IllegalStateException");
    });
    assertThat(app.caseUpdates()).as("published").last().isEqualTo(flagged);
    assertThat(app.metrics.events).contains("needs-attention");
    var letter = app.deadLetters.readRecord();
    assertThat(header(letter.headers(), DeadLetterHeaders.CASE_ID)).isEqualTo(caseId);
    assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.CASES.name());
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("a bug in the grace timer");
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(caseId);
    assertThat(Topics.CASES.valueSerde().deserializer().deserialize(Topics.CASES.name(), letter.value()))
        .isEqualTo(flagged);

    app.advance(Duration.ofSeconds(40)); // the fourth: still needs attention, no second dead letter
    assertThat(app.latestCase(caseId).getAttention().getFailures()).isEqualTo(4);
    assertThat(app.deadLetters.isEmpty()).isTrue();
    assertThat(app.metrics.events).filteredOn("timer-failed:DATA_GRACE"::equals).hasSize(4);

    lifecycle.dataGraceFailure = null; // fixed and redeployed
    app.advance(Duration.ofMinutes(1));

    WinbackCase moved = app.latestCase(caseId);
    assertThat(moved.getStatus()).isEqualTo(CaseStatus.NEEDS_DATA);
    assertThat(moved.getAttention()).isNull();
    assertThat(timers()).isEmpty();
    assertThat(app.allTasks()).isEmpty();
  }

  @Test
  void aTimerThatNeverFailedIsAppliedOnceAndGone() {
    CancellationEvent event = cancellation("C-1", app.now()).build();
    app.send(event);

    app.advance(TopologyHarness.DATA_GRACE.plusSeconds(1));

    assertThat(app.latestCase(CaseIds.caseId(event.getEventId())).getStatus()).isEqualTo(CaseStatus.NEEDS_DATA);
    assertThat(timers()).isEmpty();
    assertThat(app.metrics.events).noneMatch(e -> e.startsWith("timer-failed"));
    app.send(customer("C-1").build());
    assertThat(app.allTasks()).hasSize(1);
  }

  private List<KeyValue<String, String>> timers() {
    List<KeyValue<String, String>> all = new ArrayList<>();
    try (KeyValueIterator<String, String> it = app.driver.<String, String>getKeyValueStore(StoreNames.TIMERS).all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
