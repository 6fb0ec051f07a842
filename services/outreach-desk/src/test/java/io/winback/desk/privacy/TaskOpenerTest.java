package io.winback.desk.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.desk.TestKeys;
import io.winback.desk.web.TestTasks;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.Channel;
import io.winback.events.OutreachTask;
import io.winback.events.Sealed;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.SealBrokenException;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.privacy.TaskSeals;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Opening a stored task's personal fields: with the key, without it yet, after the erasure, and a broken seal. */
class TaskOpenerTest {

  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

  private final TestKeys processor = new TestKeys();
  private final KeyRing ring = new KeyRing();
  private final TaskOpener opener = new TaskOpener(new CustomerKeys(ring, () -> NOW, Duration.ofSeconds(30)));

  @Test
  void aTaskOfAnOlderProcessorIsUsedAsStored() {
    OpenedTask opened = opener.open(stored(TestTasks.task("t-1", Channel.PHONE, NOW).build()));
    assertThat(opened.personalData()).isEqualTo(PersonalData.PLAIN);
    assertThat(opened.item().contactName()).isEqualTo("Anna Schmidt");
  }

  @Test
  void aSealedTaskOpensWithTheCustomersKeyAndIsStoredWithoutItsPersonalFields() {
    OutreachTask sealed = processor.seal(TestTasks.task("t-2", Channel.EMAIL, NOW).build());
    WorklistItem stored = stored(sealed);
    assertThat(stored.contact()).isNull();
    assertThat(stored.message()).isEmpty();
    assertThat(stored.context().path("reasonText").isMissingNode() || stored.context().path("reasonText").isNull())
        .isTrue();

    ring.apply("C-t-2", TestKeys.record("C-t-2", processor.keyOf("C-t-2")));
    OpenedTask opened = opener.open(stored);

    assertThat(opened.personalData()).isEqualTo(PersonalData.OPENED);
    assertThat(opened.item().contactName()).isEqualTo("Anna Schmidt");
    assertThat(opened.item().contact().path("email").asText()).isEqualTo("anna.schmidt@example.org");
    assertThat(opened.item().subject()).isEqualTo("Ihre Entscheidung – ein offenes Gespräch");
    assertThat(opened.item().message()).contains("Zusammenarbeit");
    assertThat(opened.item().context().path("reasonText").asText()).isEqualTo("Zu teuer geworden");
    assertThat(opened.item().sealed()).isFalse();
  }

  @Test
  void withoutTheKeyYetTheTaskHasNoPersonalFieldsAndSaysWhy() {
    OpenedTask opened = opener.open(stored(processor.seal(TestTasks.task("t-3", Channel.PHONE, NOW).build())));
    assertThat(opened.personalData()).isEqualTo(PersonalData.PENDING_KEY);
    assertThat(opened.item().contact()).isNull();
    assertThat(opened.item().message()).isEmpty();
  }

  @Test
  void onceTheKeyIsErasedEveryTaskOfTheCustomerReadsAsErasedSealedOrNot() {
    WorklistItem sealed = stored(processor.seal(TestTasks.task("t-4", Channel.PHONE, NOW).build()));
    WorklistItem plain = stored(TestTasks.task("t-4b", Channel.PHONE, NOW).setCustomerId("C-t-4").build());
    ring.apply("C-t-4", TestKeys.record("C-t-4", processor.keyOf("C-t-4")));
    assertThat(opener.open(sealed).personalData()).isEqualTo(PersonalData.OPENED);

    ring.apply("C-t-4", TestKeys.erasedRecord("C-t-4"));

    for (WorklistItem item : new WorklistItem[] {sealed, plain}) {
      OpenedTask opened = opener.open(item);
      assertThat(opened.personalData()).isEqualTo(PersonalData.ERASED);
      assertThat(opened.item().contact()).isNull();
      assertThat(opened.item().subject()).isNull();
      assertThat(opened.item().message()).isEmpty();
      assertThat(opened.item().context().path("reasonText").isNull()).isTrue();
      assertThat(opened.item().context().path("product").asText()).isEqualTo("Glasfaser 250");
      assertThat(opened.item().taskId()).isEqualTo(item.taskId());
      assertThat(opened.item().status()).isEqualTo(TaskStatus.OPEN);
    }
  }

  @Test
  void aSealFromAnotherKeyOrTamperedWithOpensNothing() {
    WorklistItem foreign = stored(TaskSeals.seal(TestTasks.task("t-5", Channel.PHONE, NOW).build(), Sealing.newKey(1)));
    ring.apply("C-t-5", TestKeys.record("C-t-5", processor.keyOf("C-t-5")));
    OpenedTask opened = opener.open(foreign);
    assertThat(opened.personalData()).isEqualTo(PersonalData.UNREADABLE);
    assertThat(opened.item().contact()).isNull();
    assertThat(opened.item().message()).isEmpty();
  }

  @Test
  void anArrivingTaskWhoseSealDoesNotOpenIsBadInputOnlyWhenTheKeyIsKnown() {
    OutreachTask tampered = tampered(processor.seal(TestTasks.task("t-6", Channel.PHONE, NOW).build()));
    assertThatCode(() -> opener.checkArriving(tampered)).doesNotThrowAnyException(); // key not here yet: stored

    ring.apply("C-t-6", TestKeys.record("C-t-6", processor.keyOf("C-t-6")));
    assertThatThrownBy(() -> opener.checkArriving(tampered)).isInstanceOf(SealBrokenException.class)
        .hasMessageContaining("task t-6").hasMessageContaining("do not open with the customer's key")
        .hasNoCause();
    assertThatCode(() -> opener.checkArriving(processor.seal(TestTasks.task("t-7", Channel.PHONE, NOW)
        .setCustomerId("C-t-6").build()))).doesNotThrowAnyException();
  }

  /** One bit of the ciphertext flipped, as on a record changed on its way. */
  static OutreachTask tampered(OutreachTask sealed) {
    ByteBuffer ciphertext = sealed.getSealed().getCiphertext().duplicate();
    byte[] bytes = new byte[ciphertext.remaining()];
    ciphertext.get(bytes);
    bytes[bytes.length / 2] ^= 0x01;
    return OutreachTask.newBuilder(sealed).setSealed(Sealed.newBuilder(sealed.getSealed())
        .setCiphertext(ByteBuffer.wrap(bytes)).build()).build();
  }

  /** The task as WorklistRepository stores and reads it back. */
  static WorklistItem stored(OutreachTask task) {
    return new WorklistItem(task.getTaskId(), task.getCaseId(), task.getCustomerId(), 0, task.getChannel(),
        task.getGoal().name(), task.getAttempt(), task.getDueAt(), task.getAssignee(), null, task.getLanguage().name(),
        task.getSubject(), task.getMessage(),
        task.getContact() == null ? null : JsonRecords.toJson(task.getContact()),
        JsonRecords.mapper().createArrayNode(),
        task.getContext() == null ? null : JsonRecords.toJson(task.getContext()), task.getPolicyVersion(),
        task.getCreatedAt(), TaskStatus.OPEN, null, null, 0, null, null, NOW, TaskOpener.storable(task));
  }
}
