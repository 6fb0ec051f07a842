package io.winback.monitor.deadletters;

import static io.winback.monitor.deadletters.DeadLetterFixtures.deadLetter;
import static io.winback.monitor.deadletters.DeadLetterFixtures.headers;
import static io.winback.monitor.deadletters.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What a redrive sends: the original bytes and headers, no dead-letter headers, its own audit headers. */
class RedriveRecordTest {

  @Test
  void theOriginalGoesBackWithoutDeadLetterHeadersAndWithTheRedrivesOwn() {
    RecordHeaders headers = headers(Topics.CANCELLATIONS.name(), "boom");
    headers.add("kafka_dlt-original-topic", utf8(Topics.CANCELLATIONS.name()));
    headers.add(RedriveHeaders.BY, utf8("someone-earlier"));
    byte[] key = utf8("C-1");
    byte[] value = {1, 2, 3};

    ProducerRecord<byte[], byte[]> outgoing = Redriver.outgoing(deadLetter(key, value, headers), value,
        Topics.CANCELLATIONS.name(), null, "id-1", "ops", 1_763_630_400_000L, Topics.DEAD_LETTERS.name());

    assertThat(outgoing.topic()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(outgoing.partition()).as("the key picks the partition, as the first time").isNull();
    assertThat(outgoing.key()).isEqualTo(key);
    assertThat(outgoing.value()).isEqualTo(value);
    Map<String, String> sent = Arrays.stream(outgoing.headers().toArray())
        .collect(Collectors.toMap(Header::key, header -> new String(header.value(), StandardCharsets.UTF_8)));
    assertThat(sent).containsOnly(
        Map.entry("traceparent", "00-abc-def-01"),
        Map.entry(RedriveHeaders.ID, "id-1"),
        Map.entry(RedriveHeaders.BY, "ops"),
        Map.entry(RedriveHeaders.AT, "2025-11-20T09:20:00Z"),
        Map.entry(RedriveHeaders.DLQ_TOPIC, Topics.DEAD_LETTERS.name()),
        Map.entry(RedriveHeaders.DLQ_PARTITION, "1"),
        Map.entry(RedriveHeaders.DLQ_OFFSET, "17"));
  }

  @Test
  void aSealedLetterGoesBackWithItsOpenedBytesAndWithoutItsSealHeader() {
    byte[] original = DeadLetterFixtures.cancellationBytes("C-1");
    byte[] sealed = DeadLetterFixtures.sealedValue(original, io.winback.schemas.privacy.Sealing.newKey(1), "C-1",
        Topics.CANCELLATIONS.name());

    ProducerRecord<byte[], byte[]> outgoing = Redriver.outgoing(deadLetter(utf8("C-1"), sealed,
        DeadLetterFixtures.sealedHeaders(Topics.CANCELLATIONS.name(), "boom")), original, Topics.CANCELLATIONS.name(),
        null, "id-1", "ops", 0L, Topics.DEAD_LETTERS.name());

    assertThat(outgoing.value()).isEqualTo(original);
    assertThat(outgoing.headers().lastHeader(io.winback.schemas.topics.DeadLetterHeaders.SEALED)).isNull();
  }

  @Test
  void toACompactedTopicItGoesBackToThePartitionOfTheOriginal() {
    ProducerRecord<byte[], byte[]> outgoing = Redriver.outgoing(deadLetter(utf8("C-1"), new byte[] {1},
        headers(Topics.RELATIONSHIPS.name(), "boom")), new byte[] {1}, Topics.RELATIONSHIPS.name(), 3, "id-1", "ops", 0L,
        Topics.DEAD_LETTERS.name());

    assertThat(outgoing.partition()).isEqualTo(3);
  }

  @Test
  void theAuditKeepsEveryAttemptOfALetterAndKnowsItsRedrive() {
    AuditTrail audit = new AuditTrail(() -> {
      throw new AssertionError("not read in this test");
    }, Topics.REDRIVE_AUDIT, java.time.Duration.ofSeconds(1));
    DeadLetterRef ref = new DeadLetterRef(0, 5);
    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("a", 1, "ops", "dlq", 0, 5, AuditEntry.REFUSED,
        "t", -1, -1, "a newer record for this key exists")), 0);
    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("b", 2, "ops", "dlq", 0, 5, AuditEntry.REDRIVEN,
        "t", 2, 9, null)), 1);
    audit.written(audit.withAttempt("dlq", new DeadLetterRef(1, 5), new AuditEntry("c", 3, "ops", "dlq", 1, 5,
        AuditEntry.NOT_FOUND, null, -1, -1, "no such dead letter")), 2);

    assertThat(audit.entries(10)).extracting(AuditEntry::id).containsExactly("c", "b", "a");
    assertThat(audit.entries(2)).extracting(AuditEntry::id).containsExactly("c", "b");
    assertThat(audit.redriveOf("dlq", ref)).map(AuditEntry::id).contains("b");
    assertThat(audit.redriveOf("dlq", new DeadLetterRef(1, 5))).isEmpty();
    assertThat(audit.of("dlq", ref).orElseThrow().getLetterId()).isEqualTo("dlq/0/5");
  }

  @Test
  void aLettersHistoryIsBoundedButNeverLosesItsRedrive() {
    AuditTrail audit = new AuditTrail(() -> {
      throw new AssertionError("not read in this test");
    }, Topics.REDRIVE_AUDIT, java.time.Duration.ofSeconds(1));
    DeadLetterRef ref = new DeadLetterRef(0, 5);
    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("first", 0, "ops", "dlq", 0, 5, AuditEntry.REDRIVEN,
        "t", 2, 9, null)), 0);
    for (int i = 1; i <= 150; i++) {
      audit.written(audit.withAttempt("dlq", ref, new AuditEntry("skip-" + i, i, "ops", "dlq", 0, 5,
          AuditEntry.SKIPPED, "t", -1, -1, "already redriven")), i);
    }

    assertThat(audit.of("dlq", ref).orElseThrow().getAttempts()).hasSize(100);
    assertThat(audit.redriveOf("dlq", ref)).map(AuditEntry::id).contains("first");
  }

  @Test
  void aRevealIsAuditedInTheLettersHistoryButNeverCountsAsARedrive() {
    AuditTrail audit = unreadAudit();
    DeadLetterRef ref = new DeadLetterRef(0, 5);
    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("seen", 1, "opsadmin", "dlq", 0, 5,
        AuditEntry.REVEALED, null, -1, -1, null)), 0);

    assertThat(audit.redriveOf("dlq", ref)).as("a reveal is not a redrive").isEmpty();
    assertThat(audit.entries(10)).singleElement().satisfies(entry -> {
      assertThat(entry.action()).isEqualTo(AuditEntry.REVEAL);
      assertThat(entry.user()).isEqualTo("opsadmin");
    });

    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("sent", 2, "opsadmin", "dlq", 0, 5,
        AuditEntry.REDRIVEN, "t", 2, 9, null)), 1);
    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("seen-again", 3, "opsadmin", "dlq", 0, 5,
        AuditEntry.REVEALED, null, -1, -1, null)), 2);

    assertThat(audit.redriveOf("dlq", ref)).map(AuditEntry::id).contains("sent");
    assertThat(audit.entries(10)).extracting(AuditEntry::id, AuditEntry::action).containsExactly(
        org.assertj.core.groups.Tuple.tuple("seen-again", AuditEntry.REVEAL),
        org.assertj.core.groups.Tuple.tuple("sent", AuditEntry.REDRIVE),
        org.assertj.core.groups.Tuple.tuple("seen", AuditEntry.REVEAL));
  }

  @Test
  void attemptsThatChangedNothingLeaveTheBoundedHistoryBeforeReveals() {
    AuditTrail audit = unreadAudit();
    DeadLetterRef ref = new DeadLetterRef(0, 5);
    long offset = 0;
    audit.written(audit.withAttempt("dlq", ref, new AuditEntry("seen", 0, "opsadmin", "dlq", 0, 5,
        AuditEntry.REVEALED, null, -1, -1, null)), offset++);
    for (int i = 1; i <= 150; i++) {
      audit.written(audit.withAttempt("dlq", ref, new AuditEntry("refused-" + i, i, "opsadmin", "dlq", 0, 5,
          AuditEntry.REFUSED, "t", -1, -1, "a newer record for this key exists")), offset++);
    }

    assertThat(audit.of("dlq", ref).orElseThrow().getAttempts()).hasSize(100)
        .first().satisfies(attempt -> assertThat(attempt.getId()).isEqualTo("seen"));
  }

  @Test
  void whatItKnowsOfALetterNeverGoesBackToAnEarlierRecord() {
    AuditTrail audit = unreadAudit();
    DeadLetterRef ref = new DeadLetterRef(0, 5);
    io.winback.events.RedriveAudit redriven = audit.withAttempt("dlq", ref, new AuditEntry("sent", 1, "opsadmin",
        "dlq", 0, 5, AuditEntry.REDRIVEN, "t", 2, 9, null));
    io.winback.events.RedriveAudit earlier = new AuditTrail(() -> {
      throw new AssertionError("not read in this test");
    }, Topics.REDRIVE_AUDIT, java.time.Duration.ofSeconds(1)).withAttempt("dlq", ref, new AuditEntry("seen", 0,
        "opsadmin", "dlq", 0, 5, AuditEntry.REVEALED, null, -1, -1, null));

    // Two threads told it in the wrong order: the later record of the topic wins.
    audit.written(redriven, 8);
    audit.written(earlier, 7);

    assertThat(audit.redriveOf("dlq", ref)).map(AuditEntry::id).contains("sent");
  }

  private static AuditTrail unreadAudit() {
    return new AuditTrail(() -> {
      throw new AssertionError("not read in this test");
    }, Topics.REDRIVE_AUDIT, java.time.Duration.ofSeconds(1));
  }
}
