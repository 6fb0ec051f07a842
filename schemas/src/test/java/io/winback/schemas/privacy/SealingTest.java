package io.winback.schemas.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.Channel;
import io.winback.events.Contact;
import io.winback.events.CustomerKey;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.Outcome;
import io.winback.events.Salutation;
import io.winback.events.Sealed;
import io.winback.events.TaskAction;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Crypto-shredding: sealed with the customer's key, opened only with it, for the record it was sealed for. */
class SealingTest {

  static {
    TrustedPackages.install();
  }

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  private final KeyMaterial key = Sealing.newKey(1);

  @Test
  void aSealedTaskCarriesNoPersonalDataInTheClearAndOpensWithTheCustomersKey() {
    OutreachTask sealed = TaskSeals.seal(task(), key);
    byte[] wire = Topics.TASKS_WRITTEN.valueSerde().serializer().serialize("t", sealed);

    assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("Quellmalz", "quellmalz@example.org",
        "Sehr geehrte", "+49301234");
    assertThat(sealed.getContact()).isNull();
    assertThat(sealed.getMessage()).isEmpty();
    Opened<OutreachTask> opened = TaskSeals.open(sealed, ring("C-1", key));
    assertThat(opened.access()).isEqualTo(Opened.Access.OPENED);
    assertThat(opened.value()).isEqualTo(task());
  }

  @Test
  void afterTheErasureTheFieldsReadAsErasedAndTheRestStays() {
    KeyRing ring = ring("C-1", key);
    OutreachTask sealed = TaskSeals.seal(task(), key);
    ring.apply("C-1", CustomerKey.newBuilder().setCustomerId("C-1").setKey(null).setCreatedAt(NOW).setErasedAt(NOW)
        .build());

    Opened<OutreachTask> opened = TaskSeals.open(sealed, ring);
    assertThat(opened.erased()).isTrue();
    assertThat(opened.value().getContact()).isNull();
    assertThat(opened.value().getTaskId()).isEqualTo("t-1");
    assertThat(opened.value().getChannel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void aWrongKeyOpensNothing() {
    OutreachTask sealed = TaskSeals.seal(task(), key);

    assertThatThrownBy(() -> TaskSeals.open(sealed, ring("C-1", Sealing.newKey(1))))
        .isInstanceOf(SealBrokenException.class).hasMessageContaining("do not open with the customer's key");
  }

  @Test
  void aMissingKeyIsAClearErrorNotAnErasure() {
    OutreachTask sealed = TaskSeals.seal(task(), key);

    assertThatThrownBy(() -> TaskSeals.open(sealed, new KeyRing())).isInstanceOf(KeyMissingException.class)
        .hasMessageContaining("no key for customer C-1");
  }

  @Test
  void aTamperedRecordOpensNothing() {
    OutreachTask sealed = TaskSeals.seal(task(), key);
    ByteBuffer ciphertext = sealed.getSealed().getCiphertext().duplicate();
    byte[] bytes = new byte[ciphertext.remaining()];
    ciphertext.get(bytes);
    bytes[bytes.length / 2] ^= 0x01;
    OutreachTask tampered = OutreachTask.newBuilder(sealed).setSealed(Sealed.newBuilder(sealed.getSealed())
        .setCiphertext(ByteBuffer.wrap(bytes)).build()).build();

    assertThatThrownBy(() -> TaskSeals.open(tampered, ring("C-1", key))).isInstanceOf(SealBrokenException.class);
  }

  @Test
  void sealedFieldsMovedToAnotherRecordOrCustomerDoNotOpen() {
    OutreachTask sealed = TaskSeals.seal(task(), key);
    OutreachTask otherTask = OutreachTask.newBuilder(sealed).setTaskId("t-2").build();
    OutreachTask otherCustomer = OutreachTask.newBuilder(sealed).setCustomerId("C-2").build();

    assertThatThrownBy(() -> TaskSeals.open(otherTask, ring("C-1", key))).isInstanceOf(SealBrokenException.class);
    assertThatThrownBy(() -> TaskSeals.open(otherCustomer, ring("C-2", key))).isInstanceOf(SealBrokenException.class);
  }

  @Test
  void feedbackTextAndMeetingPlaceAreSealedTheSameWay() {
    OutreachFeedback feedback = OutreachFeedback.newBuilder().setFeedbackId("fb-1").setTaskId("t-1")
        .setCaseId("case-1").setCustomerId("C-1").setChannel(Channel.PHONE).setOutcome(Outcome.FEEDBACK_RECEIVED)
        .setFeedbackCategory(null).setFeedbackText("Herr Quellmalz fand den Preis zu hoch")
        .setMeetingAt(null).setMeetingPlace("Café am Markt").setRecordedBy("agent").setRecordedAt(NOW).build();
    OutreachFeedback sealed = FeedbackSeals.seal(feedback, key);

    assertThat(sealed.getFeedbackText()).isNull();
    assertThat(sealed.getMeetingPlace()).isNull();
    assertThat(FeedbackSeals.open(sealed, ring("C-1", key)).value()).isEqualTo(feedback);
  }

  @Test
  void aDeadLettersValueIsSealedForItsSourcePosition() {
    byte[] original = "{\"name\":\"Zacharias Quellmalz\"}".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = DeadLetterSeals.seal(original, key, "C-1", "crm.relationships.v1", 2, 41);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Quellmalz");
    assertThat(DeadLetterSeals.open(sealed, ring("C-1", key), "C-1", "crm.relationships.v1", 2, 41).value())
        .isEqualTo(original);
    assertThatThrownBy(() -> DeadLetterSeals.open(sealed, ring("C-1", key), "C-1", "crm.relationships.v1", 2, 42))
        .isInstanceOf(SealBrokenException.class);
  }

  private static KeyRing ring(String customerId, KeyMaterial key) {
    KeyRing ring = new KeyRing();
    ring.apply(customerId, CustomerKey.newBuilder().setCustomerId(customerId).setKey(ByteBuffer.wrap(key.bytes()))
        .setKeyVersion(key.version()).setCreatedAt(NOW).setErasedAt(null).build());
    return ring;
  }

  private static OutreachTask task() {
    return OutreachTask.newBuilder().setTaskId("t-1").setCaseId("case-1").setCustomerId("C-1")
        .setAction(TaskAction.CREATE).setChannel(Channel.EMAIL).setGoal(Goal.FEEDBACK).setAttempt(1).setDueAt(NOW)
        .setAssignee(null).setLanguage(Language.de).setSubject("Ihre Entscheidung")
        .setMessage("Sehr geehrter Herr Quellmalz, ...")
        .setContact(Contact.newBuilder().setName("Zacharias Quellmalz").setSalutation(Salutation.MR)
            .setFirstName("Zacharias").setLastName("Quellmalz").setEmail("quellmalz@example.org")
            .setPhone("+4930123456").setPostalAddress(null).setReplyTo(null).build())
        .setRationale(List.of()).setPolicyVersion("2026-12.1").setCreatedAt(NOW).setContext(null).build();
  }
}
