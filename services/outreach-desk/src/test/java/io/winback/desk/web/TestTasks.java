package io.winback.desk.web;

import io.winback.events.CancellationReason;
import io.winback.events.CaseContext;
import io.winback.events.Channel;
import io.winback.events.Contact;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.OutreachTask;
import io.winback.events.PostalAddress;
import io.winback.events.RationaleEntry;
import io.winback.events.Salutation;
import io.winback.events.TaskAction;
import io.winback.events.Tier;
import io.winback.schemas.serde.TrustedPackages;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Tasks as the processor emits them, with sensible defaults: a German customer, Anna Schmidt in Berlin. */
public final class TestTasks {

  static {
    TrustedPackages.install();
  }

  private TestTasks() {}

  public static OutreachTask.Builder task(String taskId, Channel channel, Instant dueAt) {
    return OutreachTask.newBuilder()
        .setTaskId(taskId)
        .setCaseId("case-" + taskId)
        .setCustomerId("C-" + taskId)
        .setAction(TaskAction.CREATE)
        .setChannel(channel)
        .setGoal(Goal.FEEDBACK)
        .setAttempt(1)
        .setDueAt(dueAt)
        .setAssignee(null)
        .setLanguage(Language.de)
        .setSubject(channel == Channel.PHONE || channel == Channel.IN_PERSON ? null
            : "Ihre Entscheidung – ein offenes Gespräch")
        .setMessage("Sehr geehrte Frau Schmidt,\n\nzunächst möchte ich mich bei Ihnen für die bisherige "
            + "Zusammenarbeit bedanken.\n\nMit besten Grüßen\nIhr Winback-Team")
        .setContact(contact("Anna Schmidt"))
        .setRationale(List.of(
            RationaleEntry.newBuilder().setRuleId("prefer.phone.positive-response")
                .setReason("responded well to personal approaches before: phone").build(),
            RationaleEntry.newBuilder().setRuleId("eligible.phone")
                .setReason("consent for phone calls, phone number on file").build(),
            // A rule of a newer processor that this desk has no German line for yet.
            RationaleEntry.newBuilder().setRuleId("prefer.some-future-rule")
                .setReason("a rule this desk does not know yet").build()))
        .setPolicyVersion("2026-11.1")
        .setCreatedAt(dueAt.minusSeconds(3600))
        .setContext(CaseContext.newBuilder()
            .setProduct("Glasfaser 250")
            .setReason(CancellationReason.PRICE)
            .setReasonText("Zu teuer geworden")
            .setEffectiveAt(LocalDate.parse("2027-01-31"))
            .setCustomerSince(LocalDate.parse("2015-03-01"))
            .setTier(Tier.PREMIUM)
            .build());
  }

  public static Contact contact(String name) {
    return Contact.newBuilder()
        .setName(name)
        .setSalutation(Salutation.MS)
        .setFirstName("Anna")
        .setLastName("Schmidt")
        .setEmail("anna.schmidt@example.org")
        .setPhone("+4930123456")
        .setPostalAddress(new PostalAddress("Hauptstr. 1", "10115", "Berlin", "DE"))
        .setReplyTo(null)
        .build();
  }
}
