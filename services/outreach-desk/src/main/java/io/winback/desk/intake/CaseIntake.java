package io.winback.desk.intake;

import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.reports.ReportReadModel;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Case statuses from winback.cases.v1, for the task pages, and the reports' read model; a tombstone
 * removes the case from both.
 */
@Component
class CaseIntake {

  private final CaseStatusRepository cases;
  private final ReportReadModel reports;
  private final Clock clock;

  CaseIntake(CaseStatusRepository cases, ReportReadModel reports, Clock clock) {
    this.cases = cases;
    this.reports = reports;
    this.clock = clock;
  }

  @KafkaListener(id = "desk-cases", idIsGroup = false, containerFactory = "rawListenerFactory",
      topics = "#{T(io.winback.schemas.topics.Topics).CASES.name()}")
  void onCase(ConsumerRecord<byte[], byte[]> record) {
    WinbackCase state = Topics.CASES.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (state != null) {
      cases.save(state);
      reports.caseChanged(state, clock.instant());
    } else if (record.key() != null) {
      String caseId = new String(record.key(), StandardCharsets.UTF_8);
      cases.delete(caseId);
      reports.caseRemoved(caseId);
    } else {
      throw new IllegalArgumentException("a tombstone without a key (caseId)");
    }
  }
}
