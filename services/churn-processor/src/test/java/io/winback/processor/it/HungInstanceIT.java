package io.winback.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachTask;
import io.winback.processor.Events;
import io.winback.processor.topology.StoreNames;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance that hangs (SIGSTOP: its sockets stay open, nothing answers) must not hang the
 * queries that other instances forward to it: they answer 502 naming it once the forward timeout
 * has passed, and they still answer everything they hold themselves.
 */
@KafkaIntegrationTest
class HungInstanceIT {

  private static final Logger log = LoggerFactory.getLogger(HungInstanceIT.class);

  private static final int CUSTOMERS = 12;

  @TempDir
  Path dir;

  @Test
  void queriesForwardedToAHungInstanceGiveUpWithA502() throws Exception {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    String applicationId = "churn-hung-" + UUID.randomUUID();
    // The embedded setup's HTTP basic: the forwarded queries carry it to the frozen instance.
    TestLogin login = TestLogin.embedded();
    try (ProcessorInstance a = ProcessorInstance.start(bootstrap, applicationId, dir.resolve("a"), login,
            "--winback.processor.forward-timeout=2s");
        ProcessorProcess b = ProcessorProcess.start(bootstrap, applicationId, dir.resolve("b"),
            dir.resolve("b.log"), login)) {
      b.awaitReady(Duration.ofSeconds(120));
      await("both instances running with partitions each").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> a.ready() && bothHavePartitions(a.streams()));

      String run = UUID.randomUUID().toString().substring(0, 8);
      List<String> customers = IntStream.range(0, CUSTOMERS).mapToObj(i -> "C-hung-" + run + "-" + i).toList();
      TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer(),
          customers.stream().map(customer -> new ProducerRecord<String, CustomerRelationship>(
              Topics.RELATIONSHIPS.name(), customer, Events.customer(customer).build())).toList());
      TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.CANCELLATIONS.valueSerde().serializer(),
          customers.stream().map(customer -> Events.cancellation(customer, Instant.now()).build())
              .map(event -> new ProducerRecord<String, CancellationEvent>(Topics.CANCELLATIONS.name(),
                  event.getCustomerId(), event)).toList());
      await("a task for each cancellation").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> Outputs.tasks(Set.copyOf(customers), Duration.ofSeconds(2)).stream()
              .map(OutreachTask::getCaseId).distinct().count() >= CUSTOMERS);
      List<OutreachTask> tasks = Outputs.tasks(Set.copyOf(customers), Duration.ofSeconds(3));

      OutreachTask ofA = tasks.stream().filter(task -> a.holdsCase(task.getCaseId())).findFirst()
          .orElseThrow(() -> new AssertionError("no case on " + a + " among " + CUSTOMERS));
      OutreachTask ofB = tasks.stream().filter(task -> !a.holdsCase(task.getCaseId())).findFirst()
          .orElseThrow(() -> new AssertionError("no case on the other instance among " + CUSTOMERS));
      assertThat(a.ownerOf(StoreNames.CUSTOMER_CASES, ofB.getCustomerId())).isNotEqualTo(a.host());
      assertThat(a.get("/cases/" + ofB.getCaseId()).statusCode()).as("before the freeze").isEqualTo(200);

      b.freeze();
      try {
        HttpResponse<String> byCase = a.get("/cases/" + ofB.getCaseId());
        HttpResponse<String> byCustomer = a.get("/customers/" + ofB.getCustomerId() + "/cases");
        log.info("with the other instance frozen: case {} -> {}, customer -> {}", ofB.getCaseId(),
            byCase.statusCode(), byCustomer.statusCode());
        assertThat(byCase.statusCode()).as("case held by the frozen instance").isEqualTo(502);
        assertThat(byCase.body()).contains("localhost:" + b.port(), "did not answer");
        assertThat(byCustomer.statusCode()).as("customer of the frozen instance").isEqualTo(502);
        // What this instance holds itself does not depend on the other one.
        assertThat(a.get("/cases/" + ofA.getCaseId()).statusCode()).isEqualTo(200);
        assertThat(a.get("/customers/" + ofA.getCustomerId() + "/cases").statusCode()).isEqualTo(200);
      } finally {
        b.resume();
      }
    }
  }

  private static boolean bothHavePartitions(KafkaStreams streams) {
    if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    return streams.metadataForAllStreamsClients().stream().filter(client -> !client.topicPartitions().isEmpty())
        .map(StreamsMetadata::hostInfo).distinct().count() == 2;
  }
}
