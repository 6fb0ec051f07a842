package io.winback.desk.intake;

import io.winback.desk.privacy.TaskOpener;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Tasks from the three task topics into the desk's database: CREATE adds, CANCEL withdraws. Every
 * write is idempotent, so a re-delivered record changes nothing. A record that is not a valid task
 * goes to the dead letters (see KafkaWiring), and so does a sealed task whose seal does not open
 * with its customer's key: nothing of it is stored.
 */
@Component
class TaskIntake {

  private final TaskArrivals arrivals;
  private final TaskOpener opener;

  TaskIntake(TaskArrivals arrivals, TaskOpener opener) {
    this.arrivals = arrivals;
    this.opener = opener;
  }

  @KafkaListener(id = "desk-tasks", idIsGroup = false, containerFactory = "rawListenerFactory", topics = {
      "#{T(io.winback.schemas.topics.Topics).TASKS_WRITTEN.name()}",
      "#{T(io.winback.schemas.topics.Topics).TASKS_PHONE.name()}",
      "#{T(io.winback.schemas.topics.Topics).TASKS_IN_PERSON.name()}"})
  void onTask(ConsumerRecord<byte[], byte[]> record) {
    OutreachTask task = Topics.TASKS_WRITTEN.valueSerde().deserializer().deserialize(record.topic(), record.value());
    validate(record, task);
    if (task.getAction() == TaskAction.CANCEL) {
      arrivals.cancelled(task);
    } else {
      opener.checkArriving(task);
      // The task topics are co-partitioned with crm.relationships.v1: same key, same partition number.
      arrivals.created(task, record.partition());
    }
  }

  static void validate(ConsumerRecord<byte[], byte[]> record, OutreachTask task) {
    if (task == null) {
      throw new IllegalArgumentException("a null value (tombstone) is not a task");
    }
    if (blank(task.getTaskId()) || blank(task.getCaseId()) || blank(task.getCustomerId())) {
      throw new IllegalArgumentException("a task needs its taskId, caseId and customerId");
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (!task.getCustomerId().equals(key)) {
      throw new IllegalArgumentException("the record's key is not the task's customerId");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
