package io.winback.desk.intake;

import io.winback.desk.tasks.Suppression;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the desk's database in step with the topics: tasks (CREATE adds, CANCEL withdraws), case
 * statuses, and the customers' current consent. Every write is idempotent, so a re-delivered
 * record changes nothing.
 */
@Component
class TaskIntake {

  private static final Logger log = LoggerFactory.getLogger(TaskIntake.class);

  private final WorklistRepository worklist;
  private final Suppression suppression;
  private final Clock clock;

  TaskIntake(WorklistRepository worklist, Suppression suppression, Clock clock) {
    this.worklist = worklist;
    this.suppression = suppression;
    this.clock = clock;
  }

  @KafkaListener(id = "desk-tasks", idIsGroup = false, containerFactory = "rawListenerFactory", topics = {
      "#{T(io.winback.schemas.topics.Topics).TASKS_WRITTEN.name()}",
      "#{T(io.winback.schemas.topics.Topics).TASKS_PHONE.name()}",
      "#{T(io.winback.schemas.topics.Topics).TASKS_IN_PERSON.name()}"})
  void onTask(ConsumerRecord<byte[], byte[]> record) {
    OutreachTask task = Topics.TASKS_WRITTEN.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (task == null) {
      throw new IllegalArgumentException("a null value (tombstone) is not a task");
    }
    if (task.getAction() == TaskAction.CANCEL) {
      if (worklist.cancel(task.getTaskId(), clock.instant())) {
        log.info("task {} of case {} cancelled", task.getTaskId(), task.getCaseId());
      }
      return;
    }
    if (worklist.addTask(task, clock.instant())) {
      log.info("task {} ({}) of case {} added, due {}", task.getTaskId(), task.getChannel(), task.getCaseId(),
          task.getDueAt());
    }
  }

  @KafkaListener(id = "desk-cases", idIsGroup = false, containerFactory = "rawListenerFactory",
      topics = "#{T(io.winback.schemas.topics.Topics).CASES.name()}")
  void onCase(ConsumerRecord<byte[], byte[]> record) {
    WinbackCase state = Topics.CASES.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (state != null) {
      worklist.saveCase(state);
    }
  }

  @KafkaListener(id = "desk-consent", idIsGroup = false, containerFactory = "rawListenerFactory",
      topics = "#{T(io.winback.schemas.topics.Topics).RELATIONSHIPS.name()}")
  void onRelationship(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      throw new IllegalArgumentException("a relationship without a key (customerId)");
    }
    String customerId = new String(record.key(), StandardCharsets.UTF_8);
    CustomerRelationship relationship =
        Topics.RELATIONSHIPS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (relationship == null) {
      suppression.customerErased(customerId);
      return;
    }
    worklist.saveConsent(customerId, relationship.getConsent(), relationship.getDoNotContact(), clock.instant());
    suppression.consentChanged(customerId);
  }
}
