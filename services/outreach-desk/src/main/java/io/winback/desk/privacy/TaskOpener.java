package io.winback.desk.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.desk.mail.SentEmail;
import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.OutreachTask;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.KeyMissingException;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Opened;
import io.winback.schemas.privacy.SealBrokenException;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.stereotype.Component;

/**
 * The one place the desk opens a task's sealed personal fields (contact, subject, message,
 * reasonText), with the customer's key from its ring, when a page, the API, the letter or the
 * mailer needs them. Opened fields live in memory for that use only; the database keeps the seal.
 * An erased customer's task reads as erased at once, whatever the database still holds.
 */
@Component
public class TaskOpener {

  private final CustomerKeys keys;
  private final Deserializer<OutreachTask> tasks = Topics.TASKS_WRITTEN.valueSerde().deserializer();

  public TaskOpener(CustomerKeys keys) {
    this.keys = keys;
  }

  public OpenedTask open(WorklistItem item) {
    if (keys.erased(item.customerId())) {
      return new OpenedTask(item.withoutPersonalData(), PersonalData.ERASED);
    }
    if (!item.sealed()) {
      return new OpenedTask(item, PersonalData.PLAIN);
    }
    try {
      Opened<OutreachTask> opened = TaskSeals.open(tasks.deserialize(Topics.TASKS_WRITTEN.name(), item.sealedTask()),
          keys.ring());
      if (opened.erased()) {
        return new OpenedTask(item.withoutPersonalData(), PersonalData.ERASED);
      }
      OutreachTask task = opened.value();
      return new OpenedTask(item.withPersonalData(task.getSubject(), task.getMessage(),
          task.getContact() == null ? null : JsonRecords.toJson(task.getContact()),
          task.getContext() == null ? item.context() : JsonRecords.toJson(task.getContext())), PersonalData.OPENED);
    } catch (KeyMissingException notYet) {
      return new OpenedTask(item.withoutPersonalData(), PersonalData.PENDING_KEY);
    } catch (SealBrokenException broken) {
      return new OpenedTask(item.withoutPersonalData(), PersonalData.UNREADABLE);
    }
  }

  /**
   * A sent email as the outbox page shows it: for a sealed task the address and subject opened from
   * the task ({@code task}, null when it is gone), "(erased)" once the customer was erased.
   */
  public SentEmail open(SentEmail email, WorklistItem task) {
    if (!email.sealed()) {
      return email;
    }
    if (task == null) {
      return email.withRecipient(SentEmailRepository.ERASED, null);
    }
    OpenedTask opened = open(task);
    if (!opened.personalData().available()) {
      return email.withRecipient(opened.personalData() == PersonalData.ERASED ? SentEmailRepository.ERASED
          : SentEmailRepository.SEALED, null);
    }
    JsonNode contact = opened.item().contact();
    String address = contact == null || contact.path("email").isNull() ? null : contact.path("email").asText(null);
    return email.withRecipient(address == null ? SentEmailRepository.SEALED : address, opened.item().subject());
  }

  /**
   * A sealed task that just arrived: when the customer's key is known, its seal must open, else it
   * is bad input ({@link SealBrokenException}, to the dead letters, nothing stored). Without the key
   * yet it is stored sealed and opened once the key is there.
   */
  public void checkArriving(OutreachTask task) {
    if (task.getSealed() == null || keys.state(task.getCustomerId()) != KeyRing.State.KNOWN) {
      return;
    }
    try {
      TaskSeals.open(task, keys.ring());
    } catch (SealBrokenException broken) {
      // Without the cause: the reason is the message, and the dead letter's error headers name the root cause.
      throw new SealBrokenException("task " + task.getTaskId() + ": " + broken.getMessage(), null);
    }
  }

  /** The task as the desk stores it when its personal fields are sealed: the record as it arrived. */
  public static byte[] storable(OutreachTask task) {
    return task.getSealed() == null ? null : SERIALIZER.serialize(Topics.TASKS_WRITTEN.name(), task);
  }

  private static final Serializer<OutreachTask> SERIALIZER = Topics.TASKS_WRITTEN.valueSerde().serializer();
}
