package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.Attention;
import io.winback.events.CaseStatus;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A case the processor publishes as needing attention shows in the monitor, on its page and in
 * its API, until a later state of the case has no attention any more.
 */
class AttentionCasesIT extends MonitorItBase {

  @Test
  void aCaseNeedingAttentionIsListedUntilItsTimerWorksAgain() {
    awaitCatalogue();
    String caseId = "case-" + UUID.randomUUID();
    Instant since = Instant.parse("2026-11-23T09:15:00Z");
    WinbackCase open = WinbackCase.newBuilder()
        .setCaseId(caseId)
        .setCustomerId("C-attention")
        .setCancellationEventId("evt-" + caseId)
        .setStatus(CaseStatus.OPEN)
        .setOpenedAt(since.minusSeconds(900))
        .setUpdatedAt(since)
        .build();
    publish(WinbackCase.newBuilder(open)
        .setAttention(new Attention("timer DATA_GRACE failed 5 time(s) in a row (IllegalStateException)", since, 5))
        .build());

    JsonNode listed = await().atMost(Duration.ofSeconds(30)).until(() -> find(caseId), node -> !node.isMissingNode());
    assertThat(listed.path("status").asText()).isEqualTo("OPEN");
    assertThat(listed.path("failures").asInt()).isEqualTo(5);
    assertThat(listed.path("reason").asText()).contains("timer DATA_GRACE failed");
    Browser browser = browser();
    browser.logIn(OPS, "ops");
    assertThat(browser.get("/cases").body()).contains(caseId, "NEEDS_ATTENTION", "timer DATA_GRACE failed");

    publish(WinbackCase.newBuilder(open).setStatus(CaseStatus.NEEDS_DATA).setUpdatedAt(since.plusSeconds(60)).build());

    await().atMost(Duration.ofSeconds(30)).until(() -> find(caseId).isMissingNode());
    assertThat(browser.get("/cases").body()).doesNotContain(caseId);
  }

  private JsonNode find(String caseId) {
    JsonNode body = http().json("/api/cases/needs-attention", OPS);
    for (JsonNode listed : body.path("cases")) {
      if (listed.path("caseId").asText().equals(caseId)) {
        return listed;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static void publish(WinbackCase state) {
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(),
        Topics.CASES.valueSerde().serializer(), List.of(new ProducerRecord<>(Topics.CASES.name(), state.getCaseId(), state)));
  }
}
