package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class BenchPartsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void workloadCustomersAreUniqueToTheRunAndReachableByEmail() {
    BenchWorkload workload = new BenchWorkload("ab12cd34", 200, 7, CLOCK);

    assertThat(workload.keyPrefix()).isEqualTo("BENCH-ab12cd34-");
    assertThat(workload.customers()).hasSize(200).allSatisfy(customer -> {
      assertThat(customer.getCustomerId()).matches("BENCH-ab12cd34-\\d{6}");
      assertThat(customer.getEmail()).isNotBlank();
      assertThat(customer.getConsent().getEmail()).isTrue();
      assertThat(customer.getDoNotContact()).isFalse();
      assertThat(Topics.RELATIONSHIPS.valueSerde().serializer().serialize("t", customer)).isNotEmpty();
    });
    assertThat(workload.customers().stream().map(CustomerRelationship::getCustomerId).distinct()).hasSize(200);
  }

  @Test
  void workloadCancellationsAreNewEventsOfTheRunsCustomers() {
    BenchWorkload workload = new BenchWorkload("ab12cd34", 50, 7, CLOCK);
    Set<String> eventIds = new HashSet<>();

    for (int i = 0; i < 500; i++) {
      CancellationEvent event = workload.nextCancellation();
      assertThat(event.getCustomerId()).startsWith(workload.keyPrefix());
      assertThat(event.getContractId()).matches("K-\\d{6}-\\d+");
      assertThat(eventIds.add(event.getEventId())).isTrue();
      assertThat(Topics.CANCELLATIONS.valueSerde().serializer().serialize("t", event)).isNotEmpty();
    }
  }

  @Test
  void thePassThroughReadsTheCancellationsAndWritesTheBenchTopicExactlyOnce() {
    List<TopologyDescription.Subtopology> subtopologies =
        List.copyOf(Passthrough.topology().describe().subtopologies());

    assertThat(subtopologies).hasSize(1);
    assertThat(subtopologies.get(0).nodes()).hasSize(2);
    assertThat(subtopologies.get(0).nodes()).anySatisfy(node -> assertThat(node.toString())
        .contains(Topics.CANCELLATIONS.name()));
    assertThat(subtopologies.get(0).nodes()).anySatisfy(node -> assertThat(node.toString())
        .contains(Topics.BENCH_PASSTHROUGH.name()));

    Properties defaults = Passthrough.config("127.0.0.1:1", "app", Path.of("/tmp/x"), Map.of());
    assertThat(defaults.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(defaults.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
    assertThat(defaults.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("1");
  }

  @Test
  void theBenchTopicsAreCataloguedButNotForTheServices() {
    assertThat(Topics.BENCHMARK).containsExactly(Topics.BENCH_PASSTHROUGH, Topics.BENCH_FLOOR_TASKS_WRITTEN,
        Topics.BENCH_FLOOR_TASKS_PHONE, Topics.BENCH_FLOOR_TASKS_IN_PERSON, Topics.BENCH_FLOOR_CASES);
    assertThat(Topics.BENCHMARK).allSatisfy(topic -> {
      assertThat(topic.partitions()).isEqualTo(Topics.CANCELLATIONS.partitions());
      assertThat(Topics.ALL).doesNotContain(topic);
    });
    // The floor's outputs are laid out as the processor's: a transaction spans as many partitions.
    assertThat(Topics.BENCH_FLOOR_CASES.compacted()).isEqualTo(Topics.CASES.compacted());
    assertThat(Topics.BENCH_FLOOR_TASK_TOPICS).hasSameSizeAs(Topics.TASK_TOPICS);
  }

  @Test
  void theProcessorGetsItsOwnApplicationIdStateDirAndPort() {
    List<String> command = ProcessorChild.command(Path.of("/jdk/bin/java"), List.of("-Xmx512m"),
        Path.of("/repo/churn-processor.jar"), "127.0.0.1:40001", "winback-bench-ab12", Path.of("/tmp/state"), 40002);

    assertThat(command).containsSubsequence("/jdk/bin/java", "-Xmx512m", "-jar", "/repo/churn-processor.jar",
        "--spring.kafka.bootstrap-servers=127.0.0.1:40001", "--spring.kafka.streams.application-id=winback-bench-ab12",
        "--spring.kafka.streams.state-dir=/tmp/state", "--server.port=40002", "--spring.profiles.active=embedded");
  }

  @Test
  void theBaselineRunsWithTheProcessorsStreamsProperties() {
    String yaml = """
        spring:
          application:
            name: churn-processor
          kafka:
            bootstrap-servers: ${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}
            streams:
              application-id: winback-churn-processor
              properties:
                processing.guarantee: exactly_once_v2
                commit.interval.ms: 150   # latency budget
                # a comment line
                producer.batch.size: "131072"
                processing.exception.handler: org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler
                rocksdb.config.setter: io.winback.processor.NotOnTheBenchClasspath
                state.cleanup.delay.ms: ${CLEANUP:600000}
        server:
          port: 8081
        """;

    Map<String, String> properties = ProcessorStreamsConfig.fromYaml(yaml);

    assertThat(properties).containsExactly(
        Map.entry("processing.guarantee", "exactly_once_v2"),
        Map.entry("commit.interval.ms", "150"),
        Map.entry("producer.batch.size", "131072"),
        Map.entry("processing.exception.handler",
            "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler"),
        Map.entry("rocksdb.config.setter", "io.winback.processor.NotOnTheBenchClasspath"));

    Properties config = Passthrough.config("127.0.0.1:1", "app", Path.of("/tmp/x"), properties);
    assertThat(config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("150");
    assertThat(config.get("producer.batch.size")).isEqualTo("131072");
    assertThat(config.get("processing.exception.handler")).isNotNull();
    assertThat(config).doesNotContainKey("rocksdb.config.setter"); // a class of the processor's own
    assertThat(config.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("app");
  }

  @Test
  void theProcessorsRealApplicationYmlIsReadable() {
    // Maven runs the tests in cli/, the repository root is one up.
    Path yml = Path.of("..", "services", "churn-processor", "src", "main", "resources", "application.yml");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(yml));

    assertThat(ProcessorStreamsConfig.fromYaml(readString(yml)))
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsKey("commit.interval.ms");
  }

  private static String readString(Path path) {
    try {
      return java.nio.file.Files.readString(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void freePortsAreDistinct() {
    int[] ports = BenchCommand.freePorts(3);

    assertThat(ports).hasSize(3).doesNotHaveDuplicates();
    assertThat(ports[0]).isPositive();
  }

  @Test
  void busyCpuIsEverythingButIdleAndIoWait() {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    assertThat(CpuUse.busyTicks("cpu  100 5 50 9000 40 1 2 3 0 0")).isEqualTo(161);
  }
}
