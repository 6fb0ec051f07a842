package io.winback.desk.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import io.winback.desk.privacy.OpenedTask;
import io.winback.desk.privacy.PersonalData;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.events.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A task as call-centre systems see it. The desk's own bookkeeping (send attempts, SMTP errors,
 * retry times) stays inside; times are ISO-8601 instants, dates YYYY-MM-DD.
 */
@Schema(name = "Task", description = "An outreach task at the desk")
public record TaskResponse(
    @Schema(example = "task-3f2a") String taskId,
    @Schema(example = "case-91c0") String caseId,
    @Schema(example = "C-1001") String customerId,
    Channel channel,
    @Schema(description = "WIN_BACK or FEEDBACK", example = "FEEDBACK") String goal,
    @Schema(description = "1 for the first outreach of a case, 2 for the follow-up") int attempt,
    @Schema(description = "When the task is due (ISO-8601)", example = "2026-11-23T09:00:00Z") Instant dueAt,
    @Schema(description = "Open and past its due time") boolean overdue,
    @Schema(description = "The account manager the processor assigned the task to; null for anyone")
    String assignee,
    @Schema(description = "Who claimed the task; null while unclaimed") String claimedBy,
    @Schema(description = "de or en", example = "de") String language,
    String subject,
    @Schema(description = "The rendered text, or the call or meeting script") String message,
    @Schema(description = "How to reach the customer; null once the customer was erased, or while the key of "
        + "a sealed task is not at the desk yet (see personalData)") Contact contact,
    @Schema(description = "Why this channel: the rules that decided it") List<RationaleLine> rationale,
    @Schema(description = "The case context an agent sees next to the task") CaseContext context,
    @Schema(example = "2026-11.1") String policyVersion,
    Instant createdAt,
    TaskStatus status,
    @Schema(description = "The outcome recorded last, if any", example = "FEEDBACK_RECEIVED") String outcome,
    @Schema(description = "Why the desk itself suppressed or failed the task, e.g. \"no consent data\"")
    String statusReason,
    Instant updatedAt,
    @Schema(description = "What became of the task's personal fields (contact, subject, message, reasonText): "
        + "PLAIN (never sealed), OPENED (sealed, opened with the customer's key), ERASED (the customer was erased), "
        + "PENDING_KEY (sealed, the key not at the desk yet: ask again soon), UNREADABLE (the seal does not open)",
        example = "OPENED") PersonalData personalData,
    @Schema(description = "The outcome recorded last at the desk and whether it is on the feedback topic yet; "
        + "only on the answer to an outcome and on GET /api/tasks/{taskId}")
    Feedback lastFeedback,
    @Schema(description = "For a letter or WhatsApp message that the caller sends itself, while the task is open and "
        + "its personal fields are readable: the customer's preference page, to end the message with (\"You decide "
        + "whether and how we get in touch\"); a fresh signed link on every answer. Null otherwise; the desk's own "
        + "emails carry it already", example = "https://preferences.example.com/p/AbC…")
    String preferenceUrl) {

  /** An outcome the desk recorded, and whether the broker has it yet. */
  @Schema(name = "Feedback")
  public record Feedback(@Schema(example = "fb-2b7e0c1a") String feedbackId,
      @Schema(description = "On outreach.feedback.v1; false: recorded, published as soon as Kafka is back")
      boolean published) {}

  /** How to reach the customer. */
  @Schema(name = "Contact")
  public record Contact(String name, @Schema(description = "MR, MS or NONE") String salutation, String firstName,
      String lastName, String email, String phone, PostalAddress postalAddress,
      @Schema(description = "The account manager's email, when there is one") String replyTo) {}

  @Schema(name = "PostalAddress")
  public record PostalAddress(String street, String postalCode, String city,
      @Schema(description = "ISO 3166-1 alpha-2", example = "DE") String country) {}

  /** One rule that decided the channel or timing. */
  @Schema(name = "RationaleLine")
  public record RationaleLine(String ruleId, String reason) {}

  @Schema(name = "CaseContext")
  public record CaseContext(String product, @Schema(description = "The cancellation reason", example = "PRICE")
      String reason, String reasonText, LocalDate effectiveAt, LocalDate customerSince,
      @Schema(description = "STANDARD, PREMIUM or KEY_ACCOUNT") String tier) {}

  static TaskResponse of(OpenedTask opened, Instant now, Feedback lastFeedback, String preferenceUrl) {
    WorklistItem item = opened.item();
    return new TaskResponse(item.taskId(), item.caseId(), item.customerId(), item.channel(), item.goal(),
        item.attempt(), item.dueAt(), item.overdue(now), item.assignee(), item.claimedBy(), item.language(),
        item.subject(), item.message(), contact(item.contact()), rationale(item.rationale()),
        context(item.context()), item.policyVersion(), item.createdAt(), item.status(), item.outcome(),
        item.statusReason(), item.updatedAt(), opened.personalData(), lastFeedback, preferenceUrl);
  }

  // The stored JSON is Jackson 2 (the schemas' JSON form); the HTTP layer speaks Jackson 3, so the
  // nodes are copied into plain records here and never handed to a message converter.

  private static Contact contact(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode address = node.get("postalAddress");
    return new Contact(text(node, "name"), text(node, "salutation"), text(node, "firstName"), text(node, "lastName"),
        text(node, "email"), text(node, "phone"),
        address == null || !address.isObject() ? null : new PostalAddress(text(address, "street"),
            text(address, "postalCode"), text(address, "city"), text(address, "country")),
        text(node, "replyTo"));
  }

  private static List<RationaleLine> rationale(JsonNode node) {
    List<RationaleLine> lines = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(line -> lines.add(new RationaleLine(text(line, "ruleId"), text(line, "reason"))));
    }
    return List.copyOf(lines);
  }

  private static CaseContext context(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return new CaseContext(text(node, "product"), text(node, "reason"), text(node, "reasonText"),
        date(node, "effectiveAt"), date(node, "customerSince"), text(node, "tier"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static LocalDate date(JsonNode node, String field) {
    String text = text(node, field);
    return text == null || text.isBlank() ? null : LocalDate.parse(text);
  }
}
