package io.winback.desk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.desk.people.People;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.privacy.OpenedTask;
import io.winback.desk.privacy.PersonalData;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A task as the pages show it: the task with its contact and case context unpacked from their
 * JSON, its sealed personal fields opened for this page ({@code personalData} says whether they
 * are there, erased, or not readable yet). Every text here may come from customers or other
 * systems; templates render it with th:text only.
 */
public record TaskView(
    String taskId,
    String caseId,
    String customerId,
    Channel channel,
    String goal,
    int attempt,
    Instant dueAt,
    boolean overdue,
    TaskStatus status,
    String statusReason,
    String outcome,
    String claimedBy,
    String claimedByName,
    String assignee,
    String assigneeName,
    String language,
    String subject,
    String message,
    String policyVersion,
    Instant createdAt,
    Customer customer,
    CaseContext context,
    List<Reason> rationale,
    PersonalData personalData) {

  /** The channels people work on; email goes out on its own. */
  public static final List<Channel> WORKLIST_CHANNELS =
      List.of(Channel.PHONE, Channel.IN_PERSON, Channel.LETTER, Channel.WHATSAPP);

  public static TaskView of(OpenedTask opened, DeskClock clock, People people) {
    WorklistItem item = opened.item();
    return new TaskView(item.taskId(), item.caseId(), item.customerId(), item.channel(), item.goal(), item.attempt(),
        item.dueAt(), item.overdue(clock.now()), item.status(), item.statusReason(), item.outcome(), item.claimedBy(),
        people.name(item.claimedBy()), item.assignee(), people.name(item.assignee()), item.language(),
        item.subject(), item.message(), item.policyVersion(), item.createdAt(), Customer.of(item.contact()),
        CaseContext.of(item.context(), clock.today()), reasons(item.rationale()), opened.personalData());
  }

  /**
   * Why the customer's name and contact are missing, as a message key, or null when they are there
   * (or simply not given): erased, the key not here yet, or a seal that does not open.
   */
  public String personalDataNote() {
    return switch (personalData) {
      case ERASED -> "task.customerErased";
      case PENDING_KEY -> "task.personalDataPending";
      case UNREADABLE -> "task.personalDataUnreadable";
      case PLAIN, OPENED -> customer.known() ? null : "task.customerErased";
    };
  }

  /**
   * The message key that explains the desk's own reason in the reader's language, when the reason
   * is one of the consent rule's; null for other reasons (a delivery failure), shown as they are.
   */
  public String statusReasonKey() {
    if (statusReason == null) {
      return null;
    }
    return switch (statusReason) {
      case ConsentVerdict.NO_CONSENT_DATA -> "statusReason.noConsentData";
      case ConsentVerdict.ERASED -> "statusReason.erased";
      case ConsentVerdict.DO_NOT_CONTACT -> "statusReason.doNotContact";
      default -> statusReason.equals(ConsentVerdict.noConsentFor(channel)) ? "statusReason.noConsent" : null;
    };
  }

  /** Email, letter or WhatsApp. */
  public boolean written() {
    return channel == Channel.EMAIL || channel == Channel.LETTER || channel == Channel.WHATSAPP;
  }

  /** Whom the task is with: who claimed it, else whom the processor assigned it to. */
  public String ownerName() {
    return claimedBy != null ? claimedByName : assigneeName;
  }

  /** Open for work: an outcome may still be recorded (a sent letter still awaits the answer). */
  public boolean workable() {
    return status == TaskStatus.OPEN || status == TaskStatus.SENT;
  }

  /** The customer as the task's contact block has them; empty once the CRM erased the customer. */
  public record Customer(String name, String salutation, String email, String phone, String street,
      String postalCode, String city, String country) {

    static Customer of(JsonNode contact) {
      if (contact == null || contact.isNull()) {
        return new Customer(null, null, null, null, null, null, null, null);
      }
      JsonNode address = contact.path("postalAddress");
      return new Customer(text(contact, "name"), text(contact, "salutation"), text(contact, "email"),
          text(contact, "phone"), text(address, "street"), text(address, "postalCode"), text(address, "city"),
          text(address, "country"));
    }

    public boolean known() {
      return name != null;
    }

    public boolean hasAddress() {
      return street != null && city != null;
    }

    /** The address block; the country is named (in {@code language}) only if it is not {@code home}. */
    public List<String> addressLines(Locale language, String home) {
      List<String> lines = new ArrayList<>();
      if (name != null) {
        lines.add(name);
      }
      if (hasAddress()) {
        lines.add(street);
        lines.add(((postalCode == null ? "" : postalCode) + " " + city).trim());
        if (country != null && !country.equalsIgnoreCase(home)) {
          String display = new Locale("", country).getDisplayCountry(language);
          lines.add((display.isBlank() ? country : display).toUpperCase(language));
        }
      }
      return lines;
    }
  }

  /** What the agent should know about the cancellation. */
  public record CaseContext(String product, String reason, String reasonText, LocalDate effectiveAt,
      LocalDate customerSince, Integer tenureYears, String tier) {

    static CaseContext of(JsonNode context, LocalDate today) {
      if (context == null || context.isNull()) {
        return new CaseContext(null, null, null, null, null, null, null);
      }
      LocalDate since = date(text(context, "customerSince"));
      Integer years = since == null || since.isAfter(today) ? null : Period.between(since, today).getYears();
      return new CaseContext(text(context, "product"), text(context, "reason"), text(context, "reasonText"),
          date(text(context, "effectiveAt")), since, years, text(context, "tier"));
    }
  }

  /** One line of why this channel: the rule and its reason. */
  public record Reason(String ruleId, String reason) {}

  private static List<Reason> reasons(JsonNode rationale) {
    List<Reason> lines = new ArrayList<>();
    if (rationale != null && rationale.isArray()) {
      rationale.forEach(line -> lines.add(new Reason(text(line, "ruleId"), text(line, "reason"))));
    }
    return lines;
  }

  private static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  private static LocalDate date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
