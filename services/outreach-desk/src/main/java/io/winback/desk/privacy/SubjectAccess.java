package io.winback.desk.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.consent.CustomerRecord;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.mail.EmailAttempts;
import io.winback.desk.mail.SentEmail;
import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.preferences.PreferenceAudit;
import io.winback.desk.reports.ReportReadModel;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.FeedbackSeals;
import io.winback.schemas.privacy.KeyMissingException;
import io.winback.schemas.privacy.Opened;
import io.winback.schemas.privacy.SealBrokenException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subject access report of the desk ({@link SubjectAccessReport}): every row of every table
 * that is about the customer, read in one transaction so the parts agree with each other.
 */
@Component
public class SubjectAccess {

  static final String SERVICE = "outreach-desk";

  private final CustomerRepository customers;
  private final WorklistRepository tasks;
  private final SentEmailRepository sentEmails;
  private final EmailAttempts attempts;
  private final FeedbackOutbox outbox;
  private final CaseStatusRepository cases;
  private final PreferenceAudit preferences;
  private final ReportReadModel reports;
  private final TaskOpener opener;
  private final CustomerKeys keys;
  private final Clock clock;

  public SubjectAccess(CustomerRepository customers, WorklistRepository tasks, SentEmailRepository sentEmails,
      EmailAttempts attempts, FeedbackOutbox outbox, CaseStatusRepository cases, PreferenceAudit preferences,
      ReportReadModel reports, TaskOpener opener, CustomerKeys keys, Clock clock) {
    this.preferences = preferences;
    this.customers = customers;
    this.tasks = tasks;
    this.sentEmails = sentEmails;
    this.attempts = attempts;
    this.outbox = outbox;
    this.cases = cases;
    this.reports = reports;
    this.opener = opener;
    this.keys = keys;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public SubjectAccessReport report(String customerId) {
    Optional<CustomerRecord> customer = customers.find(customerId);
    List<WorklistItem> items = tasks.tasksOf(customerId);
    Map<String, WorklistItem> byId = items.stream().collect(Collectors.toMap(WorklistItem::taskId, Function.identity()));
    List<SubjectAccessReport.Part> parts = new ArrayList<>();
    parts.add(part("customer", "What the desk keeps of the customer's CRM record: consent, do-not-contact, time zone; "
        + "after an erasure the row stays, without data, as the marker that refuses every contact",
        customer.stream().map(SubjectAccess::customerRow).toList()));
    parts.add(part("task", "Outreach tasks from the churn processor and what became of them; sealed personal fields "
        + "opened with the customer's key", items.stream().map(item -> taskRow(opener.open(item))).toList()));
    parts.add(part("sent_email", "Emails an SMTP server accepted",
        sentEmails.of(customerId).stream().map(email -> emailRow(opener.open(email, byId.get(email.taskId())))).toList()));
    parts.add(part("email_attempt", "SMTP conversations whose result is not recorded yet",
        attempts.of(customerId).stream().map(SubjectAccess::attemptRow).toList()));
    parts.add(part("feedback_outbox", "Outcomes recorded at the desk for outreach.feedback.v1; free text opened with "
        + "the customer's key once it was sealed for publishing",
        outbox.entriesOf(customerId).stream().map(this::outcomeRow).toList()));
    parts.add(part("case_status", "The latest status of the customer's cases, from winback.cases.v1",
        cases.ofCustomer(customerId).stream().map(status -> row(
            "caseId", status.caseId(), "status", status.status(), "statusReason", status.statusReason(),
            "updatedAt", status.updatedAt())).toList()));
    parts.add(part("preference_action", "What the customer did with the links in their emails and letters (the "
        + "preference page, the one-click and the mailto unsubscribe): action, door, result and time",
        preferences.of(items.stream().map(WorklistItem::taskId).toList()).stream().map(entry -> row(
            "taskId", entry.taskId(), "action", entry.action(), "via", entry.via(), "result", entry.result(),
            "at", entry.at())).toList()));
    parts.add(part("report_case", "The reports' read model (with report_task and report_outcome): the customer's "
        + "cases with ids, statuses, outcomes, channels, classifications and dates; nothing in it is erased",
        reports.ofCustomer(customerId)));
    boolean erased = keys.erased(customerId) || customer.map(CustomerRecord::erased).orElse(false);
    return new SubjectAccessReport(customerId, SERVICE, clock.instant(), keys.state(customerId).name(), erased,
        parts);
  }

  private static SubjectAccessReport.Part part(String table, String description, List<Map<String, Object>> rows) {
    return new SubjectAccessReport.Part(SERVICE + " database, table " + table, table, description, rows);
  }

  private static Map<String, Object> customerRow(CustomerRecord customer) {
    return row("customerId", customer.customerId(), "consentEmail", customer.consent().getEmail(),
        "consentPhone", customer.consent().getPhone(), "consentLetter", customer.consent().getLetter(),
        "consentWhatsapp", customer.consent().getWhatsapp(), "consentVisit", customer.consent().getVisit(),
        "doNotContact", customer.doNotContact(), "timezone", customer.timezone(), "tier", customer.tier(),
        "accountManagerId", customer.accountManagerId(), "erased", customer.erased(),
        "updatedAt", customer.updatedAt());
  }

  private static Map<String, Object> taskRow(OpenedTask opened) {
    WorklistItem task = opened.item();
    return row("taskId", task.taskId(), "caseId", task.caseId(), "channel", task.channel().name(), "goal", task.goal(),
        "attempt", task.attempt(), "status", task.status().name(), "outcome", task.outcome(),
        "statusReason", task.statusReason(), "dueAt", task.dueAt(), "createdAt", task.createdAt(),
        "updatedAt", task.updatedAt(), "assignee", task.assignee(), "claimedBy", task.claimedBy(),
        "language", task.language(), "policyVersion", task.policyVersion(),
        "personalData", opened.personalData().name(), "contact", plain(task.contact()), "subject", task.subject(),
        "message", task.message() == null || task.message().isEmpty() ? null : task.message(),
        "context", plain(task.context()), "rationale", plain(task.rationale()), "lastError", task.lastError());
  }

  private static Map<String, Object> emailRow(SentEmail email) {
    return row("taskId", email.taskId(), "messageId", email.messageId(), "recipient", email.recipient(),
        "subject", email.subject(), "language", email.language(), "sentAt", email.sentAt(), "sentBy", email.sentBy(),
        "resentInDoubt", email.resentInDoubt());
  }

  private static Map<String, Object> attemptRow(EmailAttempts.Attempt attempt) {
    return row("taskId", attempt.taskId(), "startedAt", attempt.startedAt(), "sentBy", attempt.sentBy(),
        "inDoubt", attempt.inDoubt());
  }

  private Map<String, Object> outcomeRow(FeedbackOutbox.Row stored) {
    PersonalData access;
    OutreachFeedback feedback;
    try {
      Opened<OutreachFeedback> opened = FeedbackSeals.open(stored.feedback(), keys.ring());
      feedback = opened.value();
      access = switch (opened.access()) {
        case PLAIN -> PersonalData.PLAIN;
        case OPENED -> PersonalData.OPENED;
        case ERASED -> PersonalData.ERASED;
      };
    } catch (KeyMissingException notYet) {
      feedback = FeedbackSeals.withoutPersonalData(stored.feedback());
      access = PersonalData.PENDING_KEY;
    } catch (SealBrokenException broken) {
      feedback = FeedbackSeals.withoutPersonalData(stored.feedback());
      access = PersonalData.UNREADABLE;
    }
    return row("feedbackId", stored.feedbackId(), "taskId", stored.taskId(), "caseId", feedback.getCaseId(),
        "channel", feedback.getChannel().name(), "outcome", stored.outcome(),
        "feedbackCategory", feedback.getFeedbackCategory() == null ? null : feedback.getFeedbackCategory().name(),
        "feedbackText", feedback.getFeedbackText(), "meetingAt", feedback.getMeetingAt(),
        "meetingPlace", feedback.getMeetingPlace(), "recordedBy", feedback.getRecordedBy(),
        "recordedAt", stored.recordedAt(), "reason", feedback.getReason(), "publishedAt", stored.publishedAt(),
        "publishAttempts", stored.publishAttempts(), "personalData", access.name());
  }

  /** Jackson 2's tree (the schemas' JSON) as plain maps and lists, for the HTTP layer's Jackson 3. */
  private static Object plain(JsonNode node) {
    return node == null || node.isNull() ? null : JsonRecords.mapper().convertValue(node, Object.class);
  }

  private static Map<String, Object> row(Object... columns) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.length; i += 2) {
      row.put((String) columns[i], columns[i + 1]);
    }
    return row;
  }
}
