package io.winback.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CaseStatus;
import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.TaskState;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Each rule of the verdict on a small world: one customer, one cancellation, one case, one email task. */
class ChaosVerdictTest {

  private static final Duration STALENESS = Duration.ofSeconds(30);
  private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

  private final Ledger ledger = new Ledger();
  private final Observations seen = new Observations();
  private final Map<String, List<RecordingSmtpServer.Copy>> mails = new HashMap<>();
  private long offset;

  /** C-1 allows email from T0; cancels at T0 + 1 s; the processor decides EMAIL at T0 + 2 s; the mail goes at T0 + 3 s. */
  private void theUsualStory() {
    crm("C-1", true, false, T0);
    cancellation("evt-1", "C-1", T0 + 1_000);
    caseOf("case-1", "C-1", "evt-1", CaseStatus.OPEN, task("task-1", Channel.EMAIL));
    createTask("task-1", "case-1", "C-1", Channel.EMAIL, T0 + 2_000);
    mail("task-1", T0 + 3_000);
  }

  @Test
  void whenEverythingWentRightTheRunPassesWithCountsThatAddUp() {
    theUsualStory();

    ChaosVerdict.Result result = judge(Set.of());

    assertThat(result.counts().line()).isEqualTo("chaos: cancellations=1 cases=1 tasks=1 emails=1 lost=0 duplicated=0"
        + " duplicate_emails=0 wrong_contacts=0 dead_letters=0");
    assertThat(result.passed()).isTrue();
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void aCancellationWithoutACaseIsLost() {
    theUsualStory();
    cancellation("evt-2", "C-1", T0 + 5_000);

    ChaosVerdict.Result result = judge(Set.of());

    assertThat(result.counts().lost()).isEqualTo(1);
    assertThat(result.findings()).containsKey("cancellation without a case");
    assertThat(result.passed()).isFalse();
  }

  @Test
  void aCaseStillWaitingForCrmDataIsLost() {
    theUsualStory();
    crm("C-2", true, false, T0);
    cancellation("evt-2", "C-2", T0 + 1_000);
    caseOf("case-2", "C-2", "evt-2", CaseStatus.NEEDS_DATA);

    assertThat(judge(Set.of()).findings()).containsKey("case without a decision");
  }

  @Test
  void anEmailTaskThatHadToBeSentAndGotNoMailIsLost() {
    theUsualStory();
    mails.clear();
    feedback("task-1", Outcome.SUPPRESSED);

    ChaosVerdict.Result result = judge(Set.of());

    assertThat(result.counts().lost()).isEqualTo(1);
    assertThat(result.findings().get("email task without a mail")).singleElement().asString().contains("SUPPRESSED");
  }

  @Test
  void anEmailTaskCancelledBeforeItsMailOwesNoMail() {
    theUsualStory();
    mails.clear();
    cancelTask("task-1", "case-1", "C-1");

    assertThat(judge(Set.of()).counts().lost()).isZero();
  }

  @Test
  void aSecondCreateOfTheSameTaskIsADuplicate() {
    theUsualStory();
    createTask("task-1", "case-1", "C-1", Channel.EMAIL, T0 + 2_000);

    ChaosVerdict.Result result = judge(Set.of());

    assertThat(result.counts().duplicated()).isEqualTo(1);
    assertThat(result.counts().tasks()).isEqualTo(1);
  }

  @Test
  void aCreateTaskNoCaseDecidedIsADuplicate() {
    theUsualStory();
    createTask("task-x", "case-1", "C-1", Channel.LETTER, T0 + 2_000);

    assertThat(judge(Set.of()).findings()).containsKey("CREATE task no case decided");
  }

  @Test
  void aCaseOpenedTwiceIsADuplicate() {
    theUsualStory();
    WinbackCase reopened = WinbackCase.newBuilder(caseState("case-1", "C-1", "evt-1", CaseStatus.OPEN,
        task("task-1", Channel.EMAIL))).setOpenedAt(Instant.ofEpochMilli(T0 + 9_000)).build();
    record(Topics.CASES.name(), "case-1", Topics.CASES.valueSerde().serializer().serialize("", reopened));

    assertThat(judge(Set.of()).findings()).containsKey("case opened more than once");
  }

  @Test
  void aSecondCopyOfAMailIsAllowedAndCountedOnlyWhenTheDeskMarkedItResentInDoubt() {
    theUsualStory();
    mail("task-1", T0 + 9_000);

    ChaosVerdict.Result inDoubt = judge(Set.of("task-1"));
    ChaosVerdict.Result unexplained = judge(Set.of());

    assertThat(inDoubt.counts().duplicateEmails()).isEqualTo(1);
    assertThat(inDoubt.counts().duplicated()).isZero();
    assertThat(inDoubt.counts().emails()).isEqualTo(1);
    assertThat(unexplained.counts().duplicateEmails()).isZero();
    assertThat(unexplained.counts().duplicated()).isEqualTo(1);
  }

  @Test
  void aTaskOnAChannelTheCustomerNeverAllowedIsAWrongContact() {
    crm("C-1", false, false, T0);
    cancellation("evt-1", "C-1", T0 + 1_000);
    caseOf("case-1", "C-1", "evt-1", CaseStatus.OPEN, task("task-1", Channel.EMAIL));
    createTask("task-1", "case-1", "C-1", Channel.EMAIL, T0 + 2_000);

    ChaosVerdict.Result result = judge(Set.of());

    assertThat(result.counts().wrongContacts()).isEqualTo(1);
    assertThat(result.findings()).containsKey("task on a channel the customer had not allowed");
  }

  @Test
  void aDoNotContactCustomerAllowsNoChannel() {
    crm("C-1", true, true, T0);
    cancellation("evt-1", "C-1", T0 + 1_000);
    caseOf("case-1", "C-1", "evt-1", CaseStatus.OPEN, task("task-1", Channel.EMAIL));
    createTask("task-1", "case-1", "C-1", Channel.EMAIL, T0 + 2_000);

    assertThat(judge(Set.of()).counts().wrongContacts()).isEqualTo(1);
  }

  @Test
  void aTaskDecidedOnTheDataOfTheMomentIsRightEvenIfConsentIsWithdrawnJustAfter() {
    theUsualStory();
    crm("C-1", false, false, T0 + 1_500); // withdrawn after the cancellation, before the decision

    assertThat(judge(Set.of()).counts().wrongContacts()).isZero();
  }

  @Test
  void aMailMoreThanTheStalenessAfterTheWithdrawalIsAWrongContactOneWithinItIsNot() {
    theUsualStory();
    mails.clear();
    crm("C-1", false, false, T0 + 2_500);
    mail("task-1", T0 + 2_500 + STALENESS.toMillis() - 1_000);

    assertThat(judge(Set.of()).counts().wrongContacts()).isZero();

    mails.clear();
    mail("task-1", T0 + 2_500 + STALENESS.toMillis() + 1_000);

    ChaosVerdict.Result late = judge(Set.of());
    assertThat(late.counts().wrongContacts()).isEqualTo(1);
    assertThat(late.findings()).containsKey("mail after the customer's consent was withdrawn");
  }

  @Test
  void aMailForNoEmailTaskIsAWrongContact() {
    theUsualStory();
    mail("task-nobody-decided", T0 + 3_000);

    assertThat(judge(Set.of()).findings()).containsKey("mail for no email task");
  }

  @Test
  void everyPoisonRecordMustBeDeadLetteredWithItsReasonAndNothingElse() {
    theUsualStory();
    Poison poison = new Poison(0, Topics.CANCELLATIONS, Poison.Kind.UNDECODABLE, 0);
    ledger.poisonAcked(new Ledger.Coordinates(Topics.CANCELLATIONS.name(), 2, 40), poison);

    assertThat(judge(Set.of()).findings()).containsKey("poison record not dead-lettered");

    deadLetter(Topics.CANCELLATIONS.name(), 2, 40, "io.winback.schemas.serde.UndecodableRecordException", "BAD_HEADER");
    ChaosVerdict.Result dead = judge(Set.of());
    assertThat(dead.counts().deadLetters()).isEqualTo(1);
    assertThat(dead.passed()).isTrue();

    deadLetter(Topics.FEEDBACK.name(), 1, 7, "io.winback.processor.RejectedInput",
        "outcome SENT for a task in state CANCELLED; case case-1 is closed (WITHDRAWN)");
    ChaosVerdict.Result valid = judge(Set.of());
    assertThat(valid.counts().deadLetters()).isEqualTo(2);
    assertThat(valid.unexpectedDeadLetters()).isEqualTo(1);
    assertThat(valid.findings()).as("the race of a withdrawal during a send is no exception any more")
        .containsKey("valid record dead-lettered");
    assertThat(valid.passed()).isFalse();
  }

  @Test
  void aPoisonRecordDeadLetteredWithoutItsReasonFails() {
    theUsualStory();
    ledger.poisonAcked(new Ledger.Coordinates(Topics.FEEDBACK.name(), 0, 3),
        new Poison(2, Topics.FEEDBACK, Poison.Kind.NONSENSE, 0));
    deadLetter(Topics.FEEDBACK.name(), 0, 3, null, null);

    ChaosVerdict.Result result = judge(Set.of());

    assertThat(result.poisonWithoutReason()).isEqualTo(1);
    assertThat(result.passed()).isFalse();
  }

  @Test
  void whatIsStillOwedCountsDownToZero() {
    crm("C-1", true, false, T0);
    cancellation("evt-1", "C-1", T0 + 1_000);
    assertThat(owed()).isEqualTo(1); // no case yet

    caseOf("case-1", "C-1", "evt-1", CaseStatus.OPEN, task("task-1", Channel.EMAIL));
    createTask("task-1", "case-1", "C-1", Channel.EMAIL, T0 + 2_000);
    assertThat(owed()).isEqualTo(1); // the mail

    feedback("task-1", Outcome.SENT);
    assertThat(owed()).isZero();
  }

  // ---- the small world -----------------------------------------------------------------------

  private ChaosVerdict.Result judge(Set<String> resentInDoubt) {
    return ChaosVerdict.judge(ledger, seen.snapshot(), mails, resentInDoubt, STALENESS, T0 + 3_600_000);
  }

  private long owed() {
    return ChaosVerdict.outstanding(ledger, seen.snapshot(), mails, T0 + 3_600_000);
  }

  private void crm(String customerId, boolean email, boolean doNotContact, long at) {
    CustomerRelationship relationship = CustomerRelationship.newBuilder().setCustomerId(customerId)
        .setFirstName("Test").setLastName("Kunde").setConsent(Consent.newBuilder().setEmail(email).build())
        .setDoNotContact(doNotContact).setCustomerSince(LocalDate.of(2020, 1, 1)).build();
    int version = ledger.crmSent(customerId, new Ledger.CrmVersion(at, 0, Ledger.CrmVersion.allowedChannels(relationship)));
    ledger.crmAcked(customerId, version, at + 5);
  }

  private void cancellation(String eventId, String customerId, long at) {
    ledger.cancellationSent(new Ledger.Cancellation(eventId, customerId, Treatment.PLAIN, at));
    ledger.cancellationAcked(eventId, at + 5);
  }

  private static CaseTask task(String taskId, Channel channel) {
    return new CaseTask(taskId, channel, TaskState.PENDING, 1, Instant.ofEpochMilli(T0));
  }

  private static WinbackCase caseState(String caseId, String customerId, String eventId, CaseStatus status,
      CaseTask... tasks) {
    return WinbackCase.newBuilder().setCaseId(caseId).setCustomerId(customerId).setCancellationEventId(eventId)
        .setStatus(status).setTasks(List.of(tasks)).setOpenedAt(Instant.ofEpochMilli(T0 + 1_100))
        .setUpdatedAt(Instant.ofEpochMilli(T0 + 2_000)).build();
  }

  private void caseOf(String caseId, String customerId, String eventId, CaseStatus status, CaseTask... tasks) {
    record(Topics.CASES.name(), caseId, Topics.CASES.valueSerde().serializer().serialize("",
        caseState(caseId, customerId, eventId, status, tasks)));
  }

  private void createTask(String taskId, String caseId, String customerId, Channel channel, long createdAt) {
    record(Topics.TASKS_WRITTEN.name(), customerId, Topics.TASKS_WRITTEN.valueSerde().serializer().serialize("",
        taskRecord(taskId, caseId, customerId, channel, TaskAction.CREATE, createdAt)));
  }

  private void cancelTask(String taskId, String caseId, String customerId) {
    record(Topics.TASKS_WRITTEN.name(), customerId, Topics.TASKS_WRITTEN.valueSerde().serializer().serialize("",
        taskRecord(taskId, caseId, customerId, Channel.EMAIL, TaskAction.CANCEL, T0 + 2_500)));
  }

  private static OutreachTask taskRecord(String taskId, String caseId, String customerId, Channel channel,
      TaskAction action, long createdAt) {
    return OutreachTask.newBuilder().setTaskId(taskId).setCaseId(caseId).setCustomerId(customerId).setAction(action)
        .setChannel(channel).setGoal(Goal.FEEDBACK).setAttempt(1).setDueAt(Instant.ofEpochMilli(createdAt))
        .setLanguage(Language.de).setMessage("").setRationale(new ArrayList<>()).setPolicyVersion("test")
        .setCreatedAt(Instant.ofEpochMilli(createdAt)).build();
  }

  private void feedback(String taskId, Outcome outcome) {
    OutreachFeedback feedback = OutreachFeedback.newBuilder().setFeedbackId("fb-" + taskId).setTaskId(taskId)
        .setCaseId("case-1").setCustomerId("C-1").setChannel(Channel.EMAIL).setOutcome(outcome)
        .setRecordedBy("outreach-desk/mailer").setRecordedAt(Instant.ofEpochMilli(T0 + 4_000)).build();
    record(Topics.FEEDBACK.name(), "C-1", Topics.FEEDBACK.valueSerde().serializer().serialize("", feedback));
  }

  private void deadLetter(String topic, int partition, long sourceOffset, String errorClass, String message) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset).getBytes(StandardCharsets.UTF_8));
    if (errorClass != null) {
      headers.add(DeadLetterHeaders.ERROR_CLASS, errorClass.getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.ERROR_MESSAGE, message.getBytes(StandardCharsets.UTF_8));
    }
    headers.add(DeadLetterHeaders.SERVICE, "churn-processor".getBytes(StandardCharsets.UTF_8));
    seen.accept(new ConsumerRecord<>(Topics.DEAD_LETTERS.name(), 0, offset++, 0L, TimestampType.CREATE_TIME, 0, 0,
        new byte[0], new byte[0], headers, java.util.Optional.empty()));
  }

  private void mail(String taskId, long connectedAt) {
    mails.computeIfAbsent(ChaosVerdict.messageId(taskId), id -> new ArrayList<>())
        .add(new RecordingSmtpServer.Copy(connectedAt, connectedAt + 20));
  }

  private void record(String topic, String key, byte[] value) {
    seen.accept(new ConsumerRecord<>(topic, 0, offset++, key.getBytes(StandardCharsets.UTF_8), value));
  }
}
