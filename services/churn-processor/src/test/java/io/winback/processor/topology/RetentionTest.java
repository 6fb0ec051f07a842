package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.processor.Events;
import io.winback.processor.cases.CaseIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closed cases are kept for the retention period after they closed, then removed from the stores,
 * from their customer's list and, by a tombstone, from winback.cases.v1; open and younger cases
 * stay. A punctuation looks at a bounded batch of cases.
 */
class RetentionTest {

  static final Duration RETENTION = Duration.ofDays(30);
  static final int BATCH = 2;

  TopologyHarness app = withBatch(1_000);

  private static TopologyHarness withBatch(int batch) {
    return new TopologyHarness(MONDAY_MORNING, new Housekeeping(RETENTION, Duration.ofMinutes(1), batch,
        Duration.ofHours(3)));
  }

  @AfterEach
  void close() {
    app.close();
  }

  /** The customer cancels a contract and declines at once: a closed case; returns its id. */
  private String closedCase(String customerId, String contractId) {
    CancellationEvent event = cancellation(customerId, app.now()).setContractId(contractId).build();
    app.send(event);
    OutreachTask task = app.allTasks().get(0);
    app.send(Events.feedback(CaseIds.caseId(event.getEventId()), task.getTaskId(), customerId, Channel.EMAIL,
        Outcome.DECLINED, app.now()));
    assertThat(app.latestCase(CaseIds.caseId(event.getEventId())).getStatus()).isEqualTo(CaseStatus.DECLINED);
    return CaseIds.caseId(event.getEventId());
  }

  private String openCase(String customerId, String contractId) {
    CancellationEvent event = cancellation(customerId, app.now()).setContractId(contractId).build();
    app.send(event);
    app.allTasks();
    return CaseIds.caseId(event.getEventId());
  }

  private List<String> caseIdsOf(String customerId) {
    return app.driver.<String, List<String>>getKeyValueStore(StoreNames.CUSTOMER_CASES).get(customerId);
  }

  @Test
  void closedCasesOlderThanTheRetentionAreRemovedTombstonedAndDroppedFromTheirCustomersList() {
    app.send(customer("C-1").build());
    app.send(customer("C-2").build());
    String old = closedCase("C-1", "K-1");
    String open = openCase("C-1", "K-2");
    app.advance(Duration.ofDays(20));
    String younger = closedCase("C-2", "K-3");
    app.caseUpdates();

    app.advance(Duration.ofDays(11)); // the old case closed 31 days ago, the younger one 11

    assertThat(app.caseFile(old)).isNull();
    assertThat(caseIdsOf("C-1")).containsExactly(open);
    assertThat(app.caseFile(open)).isNotNull();
    assertThat(app.caseFile(younger)).isNotNull();
    List<TestRecord<String, WinbackCase>> updates = app.cases.readRecordsToList();
    assertThat(updates).filteredOn(update -> update.value() == null).singleElement()
        .satisfies(tombstone -> assertThat(tombstone.key()).isEqualTo(old));
    assertThat(app.metrics.events).containsOnlyOnce("case-expired");

    app.advance(Duration.ofDays(20)); // now the younger one too; its customer has no case left

    assertThat(app.caseFile(younger)).isNull();
    assertThat(caseIdsOf("C-2")).as("an empty list is removed").isNull();
    assertThat(app.caseFile(open)).as("an open case is never expired").isNotNull();
  }

  @Test
  void onePunctuationLooksAtABoundedBatchAndTheSweepGoesOnWhereItStopped() {
    app.close();
    app = withBatch(BATCH);
    for (int i = 0; i < 5; i++) {
      app.send(customer("C-" + i).build());
      closedCase("C-" + i, "K-" + i);
    }
    app.advance(RETENTION); // closed exactly as long ago as they are kept: not yet
    assertThat(app.metrics.events).doesNotContain("case-expired");

    List<Long> expiredPerPunctuation = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long before = expired();
      app.advance(Duration.ofMinutes(1));
      expiredPerPunctuation.add(expired() - before);
    }

    assertThat(expiredPerPunctuation).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BATCH));
    assertThat(expired()).isEqualTo(5);
    assertThat(app.driver.getKeyValueStore(StoreNames.CASES).approximateNumEntries()).isZero();
  }

  private long expired() {
    return app.metrics.events.stream().filter("case-expired"::equals).count();
  }
}
