package io.winback.schemas.privacy;

import io.winback.events.CaseContext;
import io.winback.events.OutreachTask;
import io.winback.events.TaskPersonalData;
import io.winback.schemas.serde.AvroSerde;

/**
 * An OutreachTask's personal fields (contact, subject, message, the cancellation's reasonText)
 * sealed into {@code sealed} under the customer's key, and opened again by its readers. What
 * stays in the clear are ids, channel, goal, dates, the rationale and the case's facts.
 */
public final class TaskSeals {

  private static final AvroSerde<TaskPersonalData> PERSONAL = AvroSerde.of(TaskPersonalData.class);

  private TaskSeals() {}

  static String purpose(OutreachTask task) {
    return "task:" + task.getTaskId();
  }

  public static OutreachTask seal(OutreachTask task, KeyMaterial key) {
    if (task.getSealed() != null) {
      return task;
    }
    TaskPersonalData personal = TaskPersonalData.newBuilder()
        .setContact(task.getContact())
        .setSubject(task.getSubject())
        .setMessage(task.getMessage())
        .setReasonText(task.getContext() == null ? null : task.getContext().getReasonText())
        .build();
    byte[] plaintext = PERSONAL.serializer().serialize(null, personal);
    // One copy of the task, not two: a builder copy is a deep copy, and this runs for every task.
    return clearedOf(task).setSealed(Sealing.seal(key, task.getCustomerId(), purpose(task), plaintext)).build();
  }

  /**
   * The task with its personal fields opened; erased when the customer's key is gone. Throws
   * {@link KeyMissingException} when the key is not known here yet, {@link SealBrokenException}
   * when the seal does not open.
   */
  public static Opened<OutreachTask> open(OutreachTask task, KeyRing keys) {
    if (task.getSealed() == null) {
      return new Opened<>(task, Opened.Access.PLAIN);
    }
    return switch (keys.state(task.getCustomerId())) {
      case ERASED -> new Opened<>(withoutPersonalData(task), Opened.Access.ERASED);
      case UNKNOWN -> throw new KeyMissingException(task.getCustomerId());
      case KNOWN -> new Opened<>(opened(task, keys.key(task.getCustomerId()).orElseThrow()), Opened.Access.OPENED);
    };
  }

  /** Ids, channel, dates and reasons only: what may be kept of a task of an erased customer. */
  public static OutreachTask withoutPersonalData(OutreachTask task) {
    return clearedOf(task).build();
  }

  private static OutreachTask.Builder clearedOf(OutreachTask task) {
    CaseContext context = task.getContext() == null ? null
        : CaseContext.newBuilder(task.getContext()).setReasonText(null).build();
    return OutreachTask.newBuilder(task).setContact(null).setSubject(null).setMessage("").setContext(context)
        .setSealed(null);
  }

  private static OutreachTask opened(OutreachTask task, KeyMaterial key) {
    byte[] plaintext = Sealing.open(key, task.getCustomerId(), purpose(task), task.getSealed());
    TaskPersonalData personal = PERSONAL.deserializer().deserialize(null, plaintext);
    CaseContext context = task.getContext() == null ? null
        : CaseContext.newBuilder(task.getContext()).setReasonText(personal.getReasonText()).build();
    return OutreachTask.newBuilder(task).setContact(personal.getContact()).setSubject(personal.getSubject())
        .setMessage(personal.getMessage()).setContext(context).setSealed(null).build();
  }
}
