package io.winback.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseStatus;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.WinbackCase;
import io.winback.processor.Events;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once across a crash: the processor, running as its own JVM, is killed with SIGKILL in
 * the middle of a steady stream of cancellations and started again on the same state directory
 * while billing keeps publishing. Afterwards every cancellation has exactly one committed CREATE
 * task and a case: nothing of the aborted transaction shows, nothing reprocessed is written twice,
 * nothing is lost.
 */
@KafkaIntegrationTest
class CrashRecoveryIT {

  private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);

  private static final int CANCELLATIONS = 300;
  private static final int KILL_AFTER = CANCELLATIONS / 3;
  /** 300 at this pace take 24 s, so the stream is still flowing while the processor restarts. */
  private static final Duration PACE = Duration.ofMillis(80);
  /** Exit code of a JVM killed by signal 9: 128 + 9. */
  private static final int SIGKILL_EXIT_CODE = 137;

  /**
   * The killed member stays in the consumer group until its session times out (45 s by default),
   * and the group waits for it before handing its partitions to the restarted instance. A shorter
   * session only shortens that wait, not what is tested.
   */
  private static final String SESSION_TIMEOUT = "--spring.kafka.streams.properties.session.timeout.ms=10000";

  @Test
  void aProcessorKilledMidStreamLosesNothingAndWritesNothingTwice(@TempDir Path dir) throws Exception {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    try (Admin admin = KafkaTestBroker.get().admin()) {
      TopicProvisioner.ensureAll(admin); // the other JVM must find the catalogue's layout, not auto-created topics
    }
    String applicationId = "churn-crash-" + UUID.randomUUID();
    Path stateDir = dir.resolve("state");
    Path logFile = dir.resolve("processor.log");

    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> customers = IntStream.range(0, CANCELLATIONS).mapToObj(i -> "C-crash-" + run + "-" + i).toList();
    Set<String> customerSet = Set.copyOf(customers);
    List<CancellationEvent> cancellations =
        customers.stream().map(customer -> Events.cancellation(customer, Instant.now()).build()).toList();
    Map<String, String> expectedCases = cancellations.stream().collect(Collectors.toMap(
        event -> CaseIds.caseId(event.getEventId()), CancellationEvent::getCustomerId, (x, y) -> x,
        LinkedHashMap::new));
    // The CRM data first, so that every cancellation finds its customer and gets a task right away.
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer(),
        customers.stream().map(customer -> new ProducerRecord<String, CustomerRelationship>(
            Topics.RELATIONSHIPS.name(), customer, Events.customer(customer).build())).toList());

    ProcessorProcess first = ProcessorProcess.start(bootstrap, applicationId, stateDir, logFile, TestLogin.embedded(),
        SESSION_TIMEOUT);
    ProcessorProcess second = null;
    CancellationFeeder feeder = null;
    try {
      first.awaitReady(Duration.ofSeconds(120));
      feeder = CancellationFeeder.start(bootstrap, cancellations, PACE);

      // Kill it mid-stream: a third published, and it demonstrably processing them.
      CancellationFeeder sending = feeder;
      await("a third of the cancellations published").atMost(Duration.ofSeconds(60))
          .until(() -> sending.sent() >= KILL_AFTER);
      int doneBeforeKill = await("the first instance writing tasks").atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO)
          .until(() -> casesWithTasks(Outputs.tasks(customerSet, Duration.ofSeconds(1))), done -> done > 0);
      int sentAtKill = feeder.sent();
      int exitCode = first.kill();
      log.info("killed pid {} (exit code {}) with {} cancellations published, committed tasks for {} of them",
          first.pid(), exitCode, sentAtKill, doneBeforeKill);
      assertThat(exitCode).as("exit code after Process#destroyForcibly (SIGKILL)").isEqualTo(SIGKILL_EXIT_CODE);
      assertThat(sentAtKill).as("cancellations published before the kill").isLessThan(CANCELLATIONS);

      // Back on the same state directory while billing keeps publishing.
      second = ProcessorProcess.start(bootstrap, applicationId, stateDir, logFile, TestLogin.embedded(),
        SESSION_TIMEOUT);
      second.awaitReady(Duration.ofSeconds(120));
      int sentAtRestart = feeder.sent();
      feeder.awaitDone(Duration.ofSeconds(60));
      log.info("the second instance was ready with {} cancellations published", sentAtRestart);

      await("a task for each of the " + CANCELLATIONS + " cancellations").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> casesWithTasks(Outputs.tasks(customerSet, Duration.ofSeconds(3))) >= CANCELLATIONS);

      // Exactly one committed CREATE per cancellation: none lost, none written twice.
      List<OutreachTask> tasks = Outputs.tasks(customerSet, Duration.ofSeconds(5));
      assertThat(tasks).extracting(OutreachTask::getAction).containsOnly(TaskAction.CREATE);
      Map<String, Long> tasksPerCase = countBy(tasks, OutreachTask::getCaseId);
      assertThat(tasksPerCase.keySet()).as("cases with a task").isEqualTo(expectedCases.keySet());
      assertThat(tasksPerCase).as("tasks per case").allSatisfy((caseId, n) ->
          assertThat(n).as("CREATE tasks of %s", caseId).isEqualTo(1));
      assertThat(countBy(tasks, OutreachTask::getTaskId)).as("records per taskId").allSatisfy((taskId, n) ->
          assertThat(n).as("records of %s", taskId).isEqualTo(1));
      tasks.forEach(task -> assertThat(task.getCustomerId()).as("customer of %s", task.getCaseId())
          .isEqualTo(expectedCases.get(task.getCaseId())));

      // Every case is on winback.cases.v1, its latest state naming the one task.
      Map<String, WinbackCase> latest = Outputs.cases(customerSet, Duration.ofSeconds(5)).stream()
          .collect(Collectors.toMap(WinbackCase::getCaseId, state -> state, (older, newer) -> newer));
      assertThat(latest.keySet()).as("cases on %s", Topics.CASES.name()).isEqualTo(expectedCases.keySet());
      Map<String, String> taskOfCase = tasks.stream()
          .collect(Collectors.toMap(OutreachTask::getCaseId, OutreachTask::getTaskId));
      assertThat(latest.values()).allSatisfy(state -> {
        assertThat(state.getStatus()).as("status of %s", state.getCaseId()).isEqualTo(CaseStatus.OPEN);
        assertThat(state.getTasks()).as("tasks of %s", state.getCaseId()).singleElement()
            .satisfies(task -> assertThat(task.getTaskId()).isEqualTo(taskOfCase.get(state.getCaseId())));
      });
      // Whether the kill left output of an aborted transaction in the log depends on where exactly
      // it landed; read_committed readers never see it either way. Logged, not asserted.
      log.info("task records including aborted ones: {}, committed: {}",
          Outputs.taskRecordsIncludingAborted(customerSet, Duration.ofSeconds(3)), tasks.size());
    } catch (AssertionError | RuntimeException e) {
      // The temp dir goes with the test: keep the processor's side of the story in the report.
      log.error("the processor's log ({}), last lines:\n{}", logFile, first.logTail(80));
      throw e;
    } finally {
      if (feeder != null) {
        feeder.close();
      }
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static int casesWithTasks(List<OutreachTask> tasks) {
    return (int) tasks.stream().map(OutreachTask::getCaseId).distinct().count();
  }

  private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toMap(key, item -> 1L, Long::sum));
  }
}
