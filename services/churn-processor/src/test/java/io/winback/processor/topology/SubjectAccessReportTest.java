package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.events.OutreachTask;
import io.winback.processor.Events;
import io.winback.processor.PersonalData;
import io.winback.processor.cases.CaseIds;
import io.winback.processor.query.SubjectAccessReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The subject access report lists everything the processor's stores hold about a customer, each
 * part naming its store: with the personal data while the customer is known, and after erasure
 * the same ids, statuses and dates with none of it.
 */
class SubjectAccessReportTest {

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  private ObjectNode report(String customerId) {
    return SubjectAccessReport.of(customerId, this::store, app.now());
  }

  private <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> store(String name) {
    return app.driver.getKeyValueStore(name);
  }

  private static Map<String, JsonNode> partsByStore(JsonNode report) {
    Map<String, JsonNode> parts = new java.util.LinkedHashMap<>();
    report.get("parts").forEach(part -> parts.put(part.get("store").asText(), part.get("value")));
    return parts;
  }

  /** A customer with a case whose email went out, awaiting an answer (a no-answer timer). */
  private CancellationEvent aCustomerWithACase() {
    app.send(PersonalData.customer("C-1").setConsent(new io.winback.events.Consent(true, false, false, false, false))
        .build());
    CancellationEvent event = PersonalData.cancellation("C-1", app.now()).build();
    app.send(event);
    OutreachTask email = app.written.readValuesToList().get(0);
    app.send(Events.feedback(CaseIds.caseId(event.getEventId()), email.getTaskId(), "C-1", Channel.EMAIL, Outcome.SENT,
        app.now()));
    return event;
  }

  @Test
  void itListsEveryStoresPartWithThePersonalDataTheyHold() {
    CancellationEvent event = aCustomerWithACase();
    String caseId = CaseIds.caseId(event.getEventId());

    ObjectNode report = report("C-1");

    assertThat(report.get("customerId").asText()).isEqualTo("C-1");
    assertThat(report.get("service").asText()).isEqualTo("churn-processor");
    assertThat(report.get("erased").asBoolean()).isFalse();
    Map<String, JsonNode> parts = partsByStore(report);
    assertThat(parts).containsOnlyKeys(StoreNames.RELATIONSHIPS, StoreNames.CUSTOMER_KEYS, StoreNames.DO_NOT_CONTACT,
        StoreNames.CUSTOMER_CASES, StoreNames.CASES, StoreNames.TIMERS);
    assertThat(parts.get(StoreNames.RELATIONSHIPS).get("lastName").asText()).isEqualTo(PersonalData.LAST_NAME);
    assertThat(parts.get(StoreNames.RELATIONSHIPS).get("email").asText()).isEqualTo(PersonalData.EMAIL);
    assertThat(parts.get(StoreNames.CUSTOMER_KEYS).get("keyExists").asBoolean()).isTrue();
    assertThat(parts.get(StoreNames.CUSTOMER_KEYS).has("key")).as("never the key's bytes").isFalse();
    assertThat(parts.get(StoreNames.DO_NOT_CONTACT).isNull()).isTrue();
    assertThat(parts.get(StoreNames.CUSTOMER_CASES).get(0).asText()).isEqualTo(caseId);
    JsonNode theCase = parts.get(StoreNames.CASES).get(0);
    assertThat(theCase.get("case").get("status").asText()).isEqualTo("OPEN");
    assertThat(theCase.get("case").get("tasks").get(0).get("channel").asText()).isEqualTo("EMAIL");
    assertThat(theCase.get("case").get("tasks").get(0).get("state").asText()).isEqualTo("SENT");
    assertThat(theCase.get("case").get("outcomes").get(0).get("outcome").asText()).isEqualTo("SENT");
    assertThat(theCase.get("cancellation").get("reasonText").asText()).isEqualTo(PersonalData.REASON_TEXT);
    assertThat(parts.get(StoreNames.TIMERS).get(0).get("kind").asText()).isEqualTo("NO_ANSWER");
    assertThat(parts.get(StoreNames.TIMERS).get(0).get("caseId").asText()).isEqualTo(caseId);
    assertThat(report("C-other").get("parts")).allSatisfy(part -> assertThat(
        part.get("value").isNull() || part.get("value").isEmpty()).as(part.toString()).isTrue());
  }

  @Test
  void afterErasureItListsIdsStatusesAndDatesAndNoPersonalData() {
    CancellationEvent event = aCustomerWithACase();
    String caseId = CaseIds.caseId(event.getEventId());

    app.erase("C-1");
    ObjectNode report = report("C-1");

    assertThat(PersonalData.foundIn(report.toString().getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(report.get("erased").asBoolean()).isTrue();
    Map<String, JsonNode> parts = partsByStore(report);
    assertThat(parts.get(StoreNames.RELATIONSHIPS).isNull()).isTrue();
    assertThat(parts.get(StoreNames.CUSTOMER_KEYS).get("keyExists").asBoolean()).isFalse();
    assertThat(parts.get(StoreNames.CUSTOMER_KEYS).get("erasedAt").asText()).isEqualTo(MONDAY_MORNING.toString());
    JsonNode theCase = parts.get(StoreNames.CASES).get(0);
    assertThat(theCase.get("case").get("caseId").asText()).isEqualTo(caseId);
    assertThat(theCase.get("case").get("status").asText()).isEqualTo("OPEN");
    assertThat(theCase.get("case").get("openedAt").asText()).isEqualTo(MONDAY_MORNING.toString());
    assertThat(theCase.get("cancellation").get("reasonText").isNull()).isTrue();
    List<String> taskIds = new ArrayList<>();
    theCase.get("case").get("tasks").forEach(task -> taskIds.add(task.get("taskId").asText()));
    assertThat(taskIds).hasSize(1);
  }
}
