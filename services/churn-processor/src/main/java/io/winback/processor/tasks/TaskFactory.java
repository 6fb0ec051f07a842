package io.winback.processor.tasks;

import io.winback.events.CancellationEvent;
import io.winback.events.CaseContext;
import io.winback.events.Channel;
import io.winback.events.Contact;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachTask;
import io.winback.events.RationaleEntry;
import io.winback.events.TaskAction;
import io.winback.processor.cases.CaseIds;
import io.winback.policy.Decision;
import io.winback.policy.Rationale;
import io.winback.processor.templates.MessageContext;
import io.winback.processor.templates.MessageTemplates;
import io.winback.processor.templates.RenderedMessage;
import java.time.Instant;
import java.util.List;

/**
 * Turns a policy decision into the task an executor can act on: the rendered message or script,
 * only the contact data its channel needs, the rationale and the case context.
 */
public final class TaskFactory {

  private final MessageTemplates templates;
  private final String policyVersion;

  public TaskFactory(MessageTemplates templates, String policyVersion) {
    this.templates = templates;
    this.policyVersion = policyVersion;
  }

  public OutreachTask create(String caseId, CancellationEvent cancellation, CustomerRelationship customer,
      Decision.Contact decision, int attempt, Instant now) {
    String sender = customer.getAccountManager() == null ? null : customer.getAccountManager().getName();
    RenderedMessage message = templates.render(new MessageContext(decision.channel(), decision.goal(),
        customer.getLanguage(), customer.getSalutation(), customer.getFirstName(), customer.getLastName(),
        sender, cancellation.getProduct(), cancellation.getEffectiveAt(), cancellation.getReason(), attempt));
    return OutreachTask.newBuilder()
        .setTaskId(CaseIds.taskId(caseId, attempt, decision.channel()))
        .setCaseId(caseId)
        .setCustomerId(cancellation.getCustomerId())
        .setAction(TaskAction.CREATE)
        .setChannel(decision.channel())
        .setGoal(decision.goal())
        .setAttempt(attempt)
        .setDueAt(decision.dueAt())
        .setAssignee(decision.assignee())
        .setLanguage(customer.getLanguage())
        .setSubject(message.subject())
        .setMessage(message.text())
        .setContact(contact(decision.channel(), customer))
        .setRationale(rationale(decision.rationale()))
        .setPolicyVersion(policyVersion)
        .setCreatedAt(now)
        .setContext(CaseContext.newBuilder()
            .setProduct(cancellation.getProduct())
            .setReason(cancellation.getReason())
            .setReasonText(cancellation.getReasonText())
            .setEffectiveAt(cancellation.getEffectiveAt())
            .setCustomerSince(customer.getCustomerSince())
            .setTier(customer.getTier())
            .build())
        .build();
  }

  /** Withdraws a task created earlier: same id and channel, no message, no contact data. */
  public OutreachTask cancel(OutreachTaskRef task, String customerId, String why, Instant now) {
    return OutreachTask.newBuilder()
        .setTaskId(task.taskId())
        .setCaseId(task.caseId())
        .setCustomerId(customerId)
        .setAction(TaskAction.CANCEL)
        .setChannel(task.channel())
        .setGoal(task.goal())
        .setAttempt(task.attempt())
        .setDueAt(now)
        .setLanguage(task.language())
        .setMessage("")
        .setRationale(List.of(new RationaleEntry("task.cancelled", why)))
        .setPolicyVersion(policyVersion)
        .setCreatedAt(now)
        .build();
  }

  /** Only what the channel needs: an email address for email, a number for calls, and so on. */
  private static Contact contact(Channel channel, CustomerRelationship customer) {
    Contact.Builder contact = Contact.newBuilder()
        .setName(customer.getFirstName() + " " + customer.getLastName())
        .setSalutation(customer.getSalutation())
        .setFirstName(customer.getFirstName())
        .setLastName(customer.getLastName());
    switch (channel) {
      case EMAIL -> contact.setEmail(customer.getEmail())
          .setReplyTo(customer.getAccountManager() == null ? null : customer.getAccountManager().getEmail());
      case PHONE, WHATSAPP -> contact.setPhone(customer.getPhone());
      case LETTER -> contact.setPostalAddress(customer.getPostalAddress());
      case IN_PERSON -> contact.setPhone(customer.getPhone()).setEmail(customer.getEmail())
          .setPostalAddress(customer.getPostalAddress());
    }
    return contact.build();
  }

  private static List<RationaleEntry> rationale(List<Rationale> rationale) {
    return rationale.stream().map(line -> new RationaleEntry(line.ruleId(), line.reason())).toList();
  }
}
