package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloorTopologyTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  private static final String APPLICATION_ID = "winback-bench-floor-test";

  @TempDir
  Path state;

  private TopologyTestDriver driver;
  private TestInputTopic<String, CustomerRelationship> relationships;
  private TestInputTopic<String, CancellationEvent> cancellations;
  private List<TestOutputTopic<String, byte[]>> taskTopics;
  private TestOutputTopic<String, byte[]> caseUpdates;
  private BenchWorkload workload;

  @BeforeEach
  void start() {
    TrustedPackages.install();
    Properties config = Passthrough.config("127.0.0.1:1", APPLICATION_ID, state, Map.of());
    driver = new TopologyTestDriver(Floor.buildTopology(), config);
    relationships = driver.createInputTopic(Topics.RELATIONSHIPS.name(), Serdes.String().serializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer());
    cancellations = driver.createInputTopic(Topics.CANCELLATIONS.name(), Serdes.String().serializer(),
        Topics.CANCELLATIONS.valueSerde().serializer());
    taskTopics = new ArrayList<>();
    for (TopicSpec<String, byte[]> topic : Topics.BENCH_FLOOR_TASK_TOPICS) {
      taskTopics.add(driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
          Serdes.ByteArray().deserializer()));
    }
    caseUpdates = driver.createOutputTopic(Topics.BENCH_FLOOR_CASES.name(), Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
    workload = new BenchWorkload("ab12cd34", 3, 7, CLOCK);
    workload.customers().forEach(customer -> relationships.pipeInput(customer.getCustomerId(), customer));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aCancellationWritesATaskAndACaseAtTheProcessorsSizes() {
    CancellationEvent event = workload.nextCancellation();
    cancellations.pipeInput(event.getCustomerId(), event);

    List<KeyValue<String, byte[]>> tasks = new ArrayList<>();
    taskTopics.forEach(topic -> tasks.addAll(topic.readKeyValuesToList()));
    assertThat(tasks).singleElement().satisfies(task -> {
      assertThat(task.key).isEqualTo(event.getCustomerId());
      assertThat(NewCaseWrites.TASKS).anySatisfy(shape -> assertThat(task.value).hasSize(shape.valueBytes()));
    });
    String caseId = Floor.caseId(event.getEventId());
    assertThat(caseId).hasSize(41).startsWith("case-");
    assertThat(caseUpdates.readKeyValuesToList()).singleElement().satisfies(update -> {
      assertThat(update.key).isEqualTo(caseId);
      assertThat(update.value).hasSize(NewCaseWrites.CASE_UPDATE_BYTES);
    });
  }

  @Test
  void theCaseAndTheCustomersCaseListGoIntoStoresWithChangelogs() {
    CancellationEvent first = workload.nextCancellation();
    CancellationEvent second = CancellationEvent.newBuilder(workload.nextCancellation())
        .setCustomerId(first.getCustomerId()).build();
    cancellations.pipeInput(first.getCustomerId(), first);
    cancellations.pipeInput(second.getCustomerId(), second);

    KeyValueStore<String, byte[]> cases = driver.getKeyValueStore(Floor.CASES_STORE);
    KeyValueStore<String, List<String>> customerCases = driver.getKeyValueStore(Floor.CUSTOMER_CASES_STORE);
    assertThat(cases.get(Floor.caseId(first.getEventId()))).hasSize(NewCaseWrites.CASE_FILE_BYTES);
    assertThat(customerCases.get(first.getCustomerId()))
        .containsExactly(Floor.caseId(first.getEventId()), Floor.caseId(second.getEventId()));
    assertThat(driver.producedTopicNames()).contains(
        APPLICATION_ID + "-cases-changelog", APPLICATION_ID + "-customer-cases-changelog",
        APPLICATION_ID + "-relationships-changelog");
    assertThat(Floor.changelogs(APPLICATION_ID)).contains(APPLICATION_ID + "-cases-changelog");
  }

  @Test
  void theRelationshipsAreDecodedIntoTheirStore() {
    CustomerRelationship customer = workload.customers().get(0);

    KeyValueStore<String, CustomerRelationship> store = driver.getKeyValueStore(Floor.RELATIONSHIPS_STORE);
    assertThat(store.get(customer.getCustomerId())).isEqualTo(customer);
  }

  @Test
  void aRedeliveredCancellationOpensNoSecondCase() {
    CancellationEvent event = workload.nextCancellation();
    cancellations.pipeInput(event.getCustomerId(), event);
    cancellations.pipeInput(event.getCustomerId(), event);

    assertThat(caseUpdates.readKeyValuesToList()).hasSize(1);
    KeyValueStore<String, List<String>> customerCases = driver.getKeyValueStore(Floor.CUSTOMER_CASES_STORE);
    assertThat(customerCases.get(event.getCustomerId())).hasSize(1);
  }

  @Test
  void tasksAreSpreadOverTheThreeTopicsInTheProcessorsShares() {
    int[] counts = new int[NewCaseWrites.TASKS.size()];
    int total = 20_000;
    for (int i = 0; i < total; i++) {
      counts[NewCaseWrites.family(Floor.caseId("event-" + i).hashCode())]++;
    }

    for (int family = 0; family < counts.length; family++) {
      assertThat(counts[family] / (double) total)
          .isCloseTo(NewCaseWrites.TASKS.get(family).share(), org.assertj.core.data.Offset.offset(0.02));
    }
    assertThat(NewCaseWrites.TASKS.stream().mapToDouble(NewCaseWrites.TaskShape::share).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}
