package io.winback.desk.intake;

import io.winback.desk.cases.CaseStatusRepository;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Case statuses from winback.cases.v1, for the task pages; a tombstone removes the case. */
@Component
class CaseIntake {

  private final CaseStatusRepository cases;

  CaseIntake(CaseStatusRepository cases) {
    this.cases = cases;
  }

  @KafkaListener(id = "desk-cases", idIsGroup = false, containerFactory = "rawListenerFactory",
      topics = "#{T(io.winback.schemas.topics.Topics).CASES.name()}")
  void onCase(ConsumerRecord<byte[], byte[]> record) {
    WinbackCase state = Topics.CASES.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (state != null) {
      cases.save(state);
    } else if (record.key() != null) {
      cases.delete(new String(record.key(), StandardCharsets.UTF_8));
    } else {
      throw new IllegalArgumentException("a tombstone without a key (caseId)");
    }
  }
}
