package io.winback.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.processor.Events;
import io.winback.processor.cases.CaseIds;
import io.winback.processor.topology.StoreNames;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import io.winback.testsupport.oidc.OidcTestProvider;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two processor instances with one application id share the work: the partitions are spread
 * between them, every cancellation becomes exactly one task, and every query is answered by
 * whichever instance is asked, the owner from its store and the other by forwarding to the owner.
 * The caller is a machine client with a JWT from the real OpenID Connect provider of the tests; a
 * forwarded query carries its token, and the owner checks it like that of any request.
 */
@KafkaIntegrationTest
class TwoInstancesIT {

  private static final Logger log = LoggerFactory.getLogger(TwoInstancesIT.class);

  private static final int CUSTOMERS = 30;

  /** What a forwarded request carries besides the caller's credentials (CaseQueryController). */
  private static final String FORWARDED = "X-Winback-Forwarded";

  private static final OidcTestProvider OIDC = OidcTestProvider.shared()
      // A call-centre system that may read cases, and one whose tokens are meant for another API.
      .machineClient("two-instances-lead", "two-instances-secret", List.of("LEAD"), TestLogin.AUDIENCE,
          Duration.ofMinutes(15))
      .machineClient("two-instances-elsewhere", "two-instances-secret", List.of("LEAD", "OPS_ADMIN"), "winback-desk",
          Duration.ofMinutes(15))
      // The data protection officer's tool, for subject access reports.
      .machineClient("two-instances-dpo", "two-instances-secret", List.of("DATA_PROTECTION"), TestLogin.AUDIENCE,
          Duration.ofMinutes(15));
  /** One sub-topology over the customer partitions. */
  private static final int STREAM_TASKS = Topics.CUSTOMER_PARTITIONS;

  @TempDir
  Path dir;

  @Test
  void twoInstancesShareThePartitionsAndEitherOneAnswersForEveryCase() {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    String applicationId = "churn-two-" + UUID.randomUUID();
    TestLogin login = TestLogin.oidc(OIDC, OIDC.clientCredentialsToken("two-instances-lead", "two-instances-secret"));
    try (ProcessorInstance a = ProcessorInstance.start(bootstrap, applicationId, dir.resolve("a"), login);
        ProcessorInstance b = ProcessorInstance.start(bootstrap, applicationId, dir.resolve("b"), login)) {
      List<ProcessorInstance> both = List.of(a, b);
      awaitPartitionsSpread(a, b);

      // Thirty customers with CRM data, then one cancellation each; keyed by customerId.
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<String> customers = IntStream.range(0, CUSTOMERS).mapToObj(i -> "C-two-" + run + "-" + i).toList();
      Instant now = Instant.now();
      List<CancellationEvent> cancellations =
          customers.stream().map(customer -> Events.cancellation(customer, now).build()).toList();
      TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer(),
          customers.stream().map(customer -> new ProducerRecord<String, CustomerRelationship>(
              Topics.RELATIONSHIPS.name(), customer, Events.customer(customer).build())).toList());
      TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.CANCELLATIONS.valueSerde().serializer(),
          cancellations.stream().map(event -> new ProducerRecord<String, CancellationEvent>(
              Topics.CANCELLATIONS.name(), event.getCustomerId(), event)).toList());

      // The same cancellation always opens the same case: the expected case of each customer.
      Map<String, String> caseOfCustomer = cancellations.stream().collect(Collectors.toMap(
          CancellationEvent::getCustomerId, event -> CaseIds.caseId(event.getEventId()), (x, y) -> x,
          LinkedHashMap::new));
      Set<String> customerSet = Set.copyOf(customers);

      // Exactly one CREATE task per cancellation across the three task topics, committed ones only.
      await("a task for each of the " + CUSTOMERS + " cancellations").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> Outputs.tasks(customerSet, Duration.ofSeconds(3)).stream()
              .map(OutreachTask::getCaseId).distinct().count() >= CUSTOMERS);
      List<OutreachTask> tasks = Outputs.tasks(customerSet, Duration.ofSeconds(5));
      log.info("read {} tasks for {} cancellations", tasks.size(), CUSTOMERS);
      assertThat(tasks).extracting(OutreachTask::getAction).containsOnly(TaskAction.CREATE);
      assertThat(countBy(tasks, OutreachTask::getCaseId))
          .as("tasks per case").containsOnlyKeys(caseOfCustomer.values()).allSatisfy((caseId, n) -> assertThat(n)
              .as("CREATE tasks of %s", caseId).isEqualTo(1));
      assertThat(countBy(tasks, OutreachTask::getTaskId)).as("records per taskId").allSatisfy((taskId, n) ->
          assertThat(n).as("records of %s", taskId).isEqualTo(1));

      // Every case by id, from both instances: the owner of the customer's partition holds it and
      // answers, the other does not know where it is, asks the other instance and forwards its answer.
      Map<ProcessorInstance, Integer> casesForwardedBy = new HashMap<>();
      for (OutreachTask task : tasks) {
        String caseId = task.getCaseId();
        JsonNode json = json(sameAnswerFromBoth(a, b, "/cases/" + caseId));
        ProcessorInstance owner = ownerAmong(both, StoreNames.CUSTOMER_CASES, task.getCustomerId());
        assertThat(owner.holdsCase(caseId)).as("%s holds %s", owner, caseId).isTrue();
        assertThat(json.get("caseId").asText()).isEqualTo(caseId);
        assertThat(json.get("customerId").asText()).isEqualTo(task.getCustomerId());
        assertThat(json.get("status").asText()).isEqualTo("OPEN");
        assertThat(json.get("tasks")).hasSize(1);
        assertThat(json.get("tasks").get(0).get("taskId").asText()).isEqualTo(task.getTaskId());
        // The instance that is not the owner does not hold the case, yet answered it: by forwarding.
        ProcessorInstance other = owner == a ? b : a;
        assertThat(other.holdsCase(caseId)).as("%s holds %s", other, caseId).isFalse();
        casesForwardedBy.merge(other, 1, Integer::sum);
      }

      // Every customer's cases, from both instances, owned by the customer's partition this time.
      Map<ProcessorInstance, Integer> customersForwardedBy = new HashMap<>();
      for (Map.Entry<String, String> entry : caseOfCustomer.entrySet()) {
        String customer = entry.getKey();
        JsonNode json = json(sameAnswerFromBoth(a, b, "/customers/" + customer + "/cases"));
        ProcessorInstance owner = ownerAmong(both, StoreNames.CUSTOMER_CASES, customer);
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("caseId").asText()).isEqualTo(entry.getValue());
        ProcessorInstance other = owner == a ? b : a;
        assertThat(other.holdsCustomer(customer)).as("%s holds %s", other, customer).isFalse();
        customersForwardedBy.merge(other, 1, Integer::sum);
      }

      // A case nobody has: each instance looked in its own partitions and asked the other one.
      for (ProcessorInstance instance : both) {
        HttpResponse<String> missing = instance.get("/cases/case-00000000-0000-0000-0000-000000000000");
        assertThat(missing.statusCode()).as("unknown case from %s", instance).isEqualTo(404);
        assertThat(missing.body()).contains("no case case-00000000-0000-0000-0000-000000000000");
      }

      log.info("forwarded case queries per instance: {}; forwarded customer queries: {}",
          casesForwardedBy, customersForwardedBy);
      // Each query was asked of both, so every one of them was forwarded once, by the non-owner.
      assertThat(casesForwardedBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CUSTOMERS);
      assertThat(customersForwardedBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CUSTOMERS);
      // Each instance owns some of the partitions, so each was the one forwarding for some of the
      // queries: forwarding works in both directions.
      assertThat(casesForwardedBy).containsOnlyKeys(a, b);
      assertThat(customersForwardedBy).containsOnlyKeys(a, b);

      forwardedQueriesNeedTheCallersToken(both, tasks.get(0), login);
      subjectAccessReportsComeFromTheOwnerThroughEitherInstance(a, b, caseOfCustomer);
    }
  }

  /**
   * Each customer's subject access report, asked of both instances: the owner of the customer's
   * partition answers, the other forwards, and both give the same report.
   */
  private static void subjectAccessReportsComeFromTheOwnerThroughEitherInstance(ProcessorInstance a,
      ProcessorInstance b, Map<String, String> caseOfCustomer) {
    String dpo = TestLogin.bearer(OIDC.clientCredentialsToken("two-instances-dpo", "two-instances-secret"));
    for (Map.Entry<String, String> entry : caseOfCustomer.entrySet()) {
      String path = "/privacy/customers/" + entry.getKey();
      JsonNode fromA = json(awaitOk(a, path, dpo));
      JsonNode fromB = json(awaitOk(b, path, dpo));
      assertThat(fromB.get("parts")).as("%s from %s and from %s", path, b, a).isEqualTo(fromA.get("parts"));
      assertThat(fromA.get("customerId").asText()).isEqualTo(entry.getKey());
      JsonNode cases = StreamSupport.stream(fromA.get("parts").spliterator(), false)
          .filter(part -> part.get("store").asText().equals(StoreNames.CASES)).findFirst().orElseThrow().get("value");
      assertThat(cases).singleElement().satisfies(entryOfCase ->
          assertThat(entryOfCase.get("case").get("caseId").asText()).isEqualTo(entry.getValue()));
    }
    assertThat(a.get("/privacy/customers/" + caseOfCustomer.keySet().iterator().next()).statusCode())
        .as("a LEAD gets no subject access report").isEqualTo(403);
  }

  /**
   * The answers above came through forwarding with the caller's token (the processor has none of
   * its own). Without a token the instance asked refuses at once, and the owner refuses a
   * forwarded request that lacks the caller's valid token: the forwarding header grants nothing.
   */
  private static void forwardedQueriesNeedTheCallersToken(List<ProcessorInstance> both, OutreachTask task,
      TestLogin login) {
    ProcessorInstance owner = ownerAmong(both, StoreNames.CUSTOMER_CASES, task.getCustomerId());
    ProcessorInstance other = owner == both.get(0) ? both.get(1) : both.get(0);
    String elsewhere = TestLogin.bearer(OIDC.clientCredentialsToken("two-instances-elsewhere", "two-instances-secret"));
    Map<String, String> forwarded = Map.of(FORWARDED, other.host().host() + ":" + other.host().port());
    for (String path : List.of("/cases/" + task.getCaseId(), "/customers/" + task.getCustomerId() + "/cases")) {
      HttpResponse<String> anonymous = other.get(path, null);
      assertThat(anonymous.statusCode()).as("%s from %s without a token", path, other).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          challenge -> assertThat(challenge).startsWith("Bearer"));
      assertThat(owner.get(path, null, forwarded).statusCode())
          .as("%s forwarded to its owner %s without the caller's token", path, owner).isEqualTo(401);
      assertThat(owner.get(path, elsewhere, forwarded).statusCode())
          .as("%s forwarded to %s with a token for another audience", path, owner).isEqualTo(401);
      assertThat(owner.get(path, login.authorization(), forwarded).statusCode())
          .as("%s forwarded to %s with the caller's token", path, owner).isEqualTo(200);
    }
  }

  /**
   * Both instances ready and the stream tasks divided between them, none running twice. The
   * second instance joining makes the first one rebalance, so the readiness of the first is only
   * trusted once the split is there.
   */
  private static void awaitPartitionsSpread(ProcessorInstance a, ProcessorInstance b) {
    try {
      await("both instances running with the partitions shared").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> running(a) && running(b) && shared(a.activeTasks(), b.activeTasks())
              && a.ready() && b.ready());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the partitions were not shared: tasks of " + a + ": " + sorted(a.activeTasks())
          + ", of " + b + ": " + sorted(b.activeTasks()), e);
    }
    log.info("tasks of {}: {}; tasks of {}: {}", a, sorted(a.activeTasks()), b, sorted(b.activeTasks()));
  }

  private static boolean running(ProcessorInstance instance) {
    KafkaStreams streams = instance.streams();
    return streams != null && streams.state() == KafkaStreams.State.RUNNING;
  }

  /**
   * Every task runs on exactly one instance, and each instance runs some, so each owns some
   * customers and the forwarding is exercised both ways.
   */
  private static boolean shared(Set<TaskId> ofA, Set<TaskId> ofB) {
    Set<TaskId> all = new HashSet<>(ofA);
    all.addAll(ofB);
    return all.size() == STREAM_TASKS && ofA.size() + ofB.size() == STREAM_TASKS
        && !ofA.isEmpty() && !ofB.isEmpty();
  }

  private static List<String> sorted(Set<TaskId> tasks) {
    return tasks.stream().sorted().map(TaskId::toString).toList();
  }

  /** The instance both agree owns the key; the key's owner must be one of the two. */
  private static ProcessorInstance ownerAmong(List<ProcessorInstance> instances, String store, String key) {
    HostInfo owner = instances.get(0).ownerOf(store, key);
    for (ProcessorInstance instance : instances) {
      assertThat(instance.ownerOf(store, key)).as("owner of %s in %s as %s sees it", key, store, instance)
          .isEqualTo(owner);
    }
    ProcessorInstance found = instances.stream().filter(i -> i.host().equals(owner)).findFirst().orElseThrow(
        () -> new AssertionError(key + " is owned by " + owner + ", which is neither instance"));
    assertThat(found.holdsLocally(store, key)).as("%s holds %s in %s", found, key, store).isTrue();
    return found;
  }

  /**
   * GETs the path from both instances and returns the body they agree on, waiting (bounded) for a
   * 200: right after a rebalance an instance may still answer 503.
   */
  private static String sameAnswerFromBoth(ProcessorInstance a, ProcessorInstance b, String path) {
    String fromA = awaitOk(a, path);
    String fromB = awaitOk(b, path);
    assertThat(fromB).as("%s from %s and from %s", path, b, a).isEqualTo(fromA);
    return fromA;
  }

  private static String awaitOk(ProcessorInstance instance, String path) {
    return awaitOk(instance, path, null);
  }

  /** With {@code authorization} instead of the test's own credentials when it is not null. */
  private static String awaitOk(ProcessorInstance instance, String path, String authorization) {
    return await(path + " from " + instance).atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(() -> authorization == null ? instance.get(path) : instance.get(path, authorization),
            response -> response.statusCode() == 200)
        .body();
  }

  private static JsonNode json(String body) {
    try {
      return JsonRecords.mapper().readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
