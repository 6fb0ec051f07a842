package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static io.winback.processor.topology.ChurnTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.CustomerKey;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.processor.Events;
import io.winback.processor.PersonalData;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Opened;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A CRM tombstone erases the customer: their key goes (every sealed field of theirs on any topic
 * then reads as erased), a marker says so on winback.keys.v1, and nothing personal of theirs is
 * written again, whatever comes later for them.
 */
class ErasureTest {

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  /** An email sent, awaiting an answer; returns its cancellation. */
  private CancellationEvent anEmailWasSent() {
    app.send(PersonalData.customer("C-1").setConsent(new Consent(true, true, false, false, false)).build());
    CancellationEvent event = PersonalData.cancellation("C-1", app.now()).build();
    app.send(event);
    OutreachTask email = app.written.readValuesToList().get(0);
    app.send(Events.feedback(CaseIds.caseId(event.getEventId()), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT,
        app.now()));
    return event;
  }

  @Test
  void erasureDeletesTheKeyFromTheStoreAndWritesTheErasedMarker() {
    anEmailWasSent();
    CustomerKey key = app.keyRecords().get(0).value();
    app.advance(Duration.ofMinutes(1));

    app.erase("C-1");

    CustomerKey stored = app.driver.<String, CustomerKey>getKeyValueStore(StoreNames.CUSTOMER_KEYS).get("C-1");
    assertThat(stored.getKey()).as("the key's bytes are gone from the store").isNull();
    assertThat(stored.getErasedAt()).isEqualTo(MONDAY_MORNING.plus(Duration.ofMinutes(1)));
    List<TestRecord<String, CustomerKey>> keys = app.keyRecords();
    assertThat(keys).hasSize(2);
    assertThat(keys.get(1).key()).isEqualTo("C-1");
    assertThat(keys.get(1).value()).satisfies(marker -> {
      assertThat(marker.getKey()).isNull();
      assertThat(marker.getErasedAt()).isEqualTo(MONDAY_MORNING.plus(Duration.ofMinutes(1)));
      assertThat(marker.getKeyVersion()).isEqualTo(key.getKeyVersion());
      assertThat(marker.getCreatedAt()).isEqualTo(key.getCreatedAt());
    });
    assertThat(app.keyRing().state("C-1")).isEqualTo(KeyRing.State.ERASED);
    assertThat(app.metrics.events).contains("customer-erased");

    app.erase("C-1");
    assertThat(app.keyRecords()).as("a repeated tombstone writes no second marker").hasSize(2);
  }

  @Test
  void aTaskWrittenBeforeTheErasureReadsAsErasedAfterIt() {
    app.send(PersonalData.customer("C-1").build());
    app.send(PersonalData.cancellation("C-1", app.now()).build());
    OutreachTask sealed = app.written.readSealedValuesToList().get(0);

    app.erase("C-1");

    Opened<OutreachTask> opened = TaskSeals.open(sealed, app.keyRing());
    assertThat(opened.access()).isEqualTo(Opened.Access.ERASED);
    assertThat(opened.value().getContact()).isNull();
    assertThat(opened.value().getTaskId()).isEqualTo(sealed.getTaskId());
  }

  @Test
  void aCustomerErasedBeforeAnythingWasWrittenOfThemGetsTheMarkerAndNeverAKey() {
    app.erase("C-1");
    app.send(PersonalData.cancellation("C-1", app.now()).build());
    app.advance(TopologyHarness.DATA_GRACE.plusSeconds(1));

    assertThat(app.keyRecords()).singleElement().satisfies(marker -> assertThat(marker.value().getKey()).isNull());
    assertThat(app.allTasks()).isEmpty();
  }

  @Test
  void nothingPersonalIsWrittenForAnErasedCustomerWhateverComesLater() {
    CancellationEvent first = anEmailWasSent();
    app.erase("C-1");
    app.drainAllWrittenBytes();
    int keysBefore = app.keyRecords().size();

    // The CRM sends the customer again, billing a second cancellation, the email's no-answer
    // timer fires, and a record of theirs turns out to be bad.
    app.send(PersonalData.customer("C-1").build());
    CancellationEvent second = PersonalData.cancellation("C-1", app.now()).setContractId("K-2").build();
    app.send(second);
    app.advance(Duration.ofDays(7).plusSeconds(2));
    app.rawCancellations.pipeInput(new TestRecord<>("C-1".getBytes(StandardCharsets.UTF_8),
        PersonalData.REASON_TEXT.getBytes(StandardCharsets.UTF_8)));

    Map<String, List<byte[]>> written = app.drainAllWrittenBytes();
    assertThat(written).as("the changelogs are scanned too").containsKeys("churn-test-cases-changelog",
        "churn-test-relationships-changelog", Topics.DEAD_LETTERS.name(), Topics.TASKS_WRITTEN.name());
    written.forEach((topic, records) -> records.forEach(bytes ->
        assertThat(PersonalData.foundIn(bytes)).as("personal data written to %s after the erasure", topic).isEmpty()));
    assertThat(app.driver.getKeyValueStore(StoreNames.RELATIONSHIPS).get("C-1")).as("no CRM data kept").isNull();
    assertThat(app.caseFile(CaseIds.caseId(second.getEventId())).cancellation().getReasonText()).isNull();
    assertThat(app.latestCase(CaseIds.caseId(second.getEventId())).getStatus()).as("nobody is contacted")
        .isEqualTo(CaseStatus.NEEDS_DATA);
    assertThat(app.latestCase(CaseIds.caseId(first.getEventId())).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
    assertThat(written.get(Topics.KEYS.name())).as("the keys topic is scanned too (its partition is kept rolling)")
        .isNotEmpty();
    assertThat(app.keyRecords().subList(keysBefore, app.keyRecords().size())).as("no new key")
        .allSatisfy(record -> assertThat(record.value() == null || record.value().getKey() == null).isTrue());
  }

  @Test
  void theCrmSendingAnErasedCustomerAgainIsDeadLetteredWithoutTheRecord() {
    app.erase("C-1");

    app.send(PersonalData.customer("C-1").build());

    var letter = app.deadLetters.readRecord();
    assertThat(letter.value()).isNull();
    assertThat(header(letter.headers(), DeadLetterHeaders.VALUE_DROPPED))
        .isEqualTo(DeadLetterHeaders.DROPPED_CUSTOMER_ERASED);
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("customer C-1 was erased");
    assertThat(app.driver.getKeyValueStore(StoreNames.RELATIONSHIPS).get("C-1")).isNull();
  }

  @Test
  void aTaskInFlightEndsWithACancelThatCarriesNothingPersonal() {
    CancellationEvent event = anEmailWasSent();
    app.erase("C-1");

    app.advance(Duration.ofDays(7).plusSeconds(2)); // no answer: a follow-up would be due

    List<OutreachTask> tasks = app.written.readSealedValuesToList();
    assertThat(tasks).singleElement().satisfies(cancel -> {
      assertThat(cancel.getAction()).isEqualTo(TaskAction.CANCEL);
      assertThat(cancel.getSealed()).isNull();
      assertThat(cancel.getContact()).isNull();
    });
    assertThat(app.phone.isEmpty()).as("no follow-up call").isTrue();
    assertThat(app.latestCase(CaseIds.caseId(event.getEventId())).getStatus()).isEqualTo(CaseStatus.SUPPRESSED);
  }
}
