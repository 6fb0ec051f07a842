package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationType;
import io.winback.events.CustomerKey;
import io.winback.events.OutreachTask;
import io.winback.processor.PersonalData;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A customer's own key is made the first time the processor writes personal data of theirs, once,
 * and goes to winback.keys.v1 with the record it seals, from the same input: a reader that has the
 * task has its key.
 */
class CustomerKeysTest {

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void theFirstTaskOfACustomerComesWithTheirNewKeyFromTheSameInput() {
    app.send(PersonalData.customer("C-1").build());
    assertThat(app.keyRecords()).as("CRM data alone is not written anywhere: no key yet").isEmpty();

    app.send(PersonalData.cancellation("C-1", app.now()).build());

    List<TestRecord<String, CustomerKey>> keys = app.keyRecords();
    assertThat(keys).singleElement().satisfies(record -> {
      assertThat(record.key()).isEqualTo("C-1");
      assertThat(record.value().getCustomerId()).isEqualTo("C-1");
      assertThat(record.value().getKey().remaining()).isEqualTo(Sealing.KEY_BYTES);
      assertThat(record.value().getKeyVersion()).isEqualTo(CustomerKeys.FIRST_VERSION);
      assertThat(record.value().getCreatedAt()).isEqualTo(MONDAY_MORNING);
      assertThat(record.value().getErasedAt()).isNull();
    });
    assertThat(app.driver.<String, CustomerKey>getKeyValueStore(StoreNames.CUSTOMER_KEYS).get("C-1"))
        .as("the store holds what the topic got").isEqualTo(keys.get(0).value());
    // The task of that input opens with that key, and only with it.
    KeyRing ring = new KeyRing();
    ring.apply("C-1", keys.get(0).value());
    OutreachTask sealed = app.written.readSealedValuesToList().get(0);
    assertThat(TaskSeals.open(sealed, ring).value().getContact().getEmail()).isEqualTo(PersonalData.EMAIL);
    assertThat(app.metrics.events).containsOnlyOnce("customer-key-created");
  }

  @Test
  void aCustomerHasOneKeyForAllTheirTasksAndEveryCustomerTheirOwn() {
    app.send(PersonalData.customer("C-1").build());
    app.send(PersonalData.customer("C-2").build());
    app.send(PersonalData.cancellation("C-1", app.now()).build());
    app.send(PersonalData.cancellation("C-1", app.now()).setContractId("K-other").build());
    app.send(PersonalData.cancellation("C-2", app.now()).build());

    assertThat(app.allTasks()).hasSize(3);
    List<TestRecord<String, CustomerKey>> keys = app.keyRecords();
    assertThat(keys).extracting(TestRecord::key).containsExactly("C-1", "C-2");
    assertThat(keys.get(0).value().getKey()).isNotEqualTo(keys.get(1).value().getKey());
  }

  @Test
  void aCancelNeedsNoKeyOfItsOwnAndGetsNone() {
    app.send(PersonalData.customer("C-1").build());
    var event = PersonalData.cancellation("C-1", app.now()).build();
    app.send(event);
    app.allTasks();
    app.keyRecords();

    app.send(io.winback.events.CancellationEvent.newBuilder(event).setEventId("evt-w")
        .setType(CancellationType.WITHDRAWN).build());

    assertThat(app.written.readSealedValuesToList()).singleElement().satisfies(cancel -> {
      assertThat(cancel.getSealed()).as("nothing personal to seal").isNull();
      assertThat(cancel.getContact()).isNull();
    });
    assertThat(app.keyRecords()).hasSize(1);
  }

  @Test
  void theKeysAreKeptInMemoryAndLoggedToTheirChangelog() {
    StateStore store = app.driver.getKeyValueStore(StoreNames.CUSTOMER_KEYS);
    assertThat(store.persistent()).as("nothing of a key on the processor's disk").isFalse();

    app.send(PersonalData.customer("C-1").build());
    app.send(PersonalData.cancellation("C-1", app.now()).build());

    assertThat(app.driver.producedTopicNames()).contains("churn-test-" + StoreNames.CUSTOMER_KEYS + "-changelog",
        Topics.KEYS.name());
  }
}
