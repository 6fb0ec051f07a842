package io.winback.desk.reports;

import io.winback.events.CancellationReason;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import io.winback.events.CustomerChoice;
import io.winback.events.Outcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every figure of the reports as a condition on a case (a row {@code c} of report_case): the
 * report counts the cases that meet it, and the case list shows exactly those, so each number links
 * to the cases behind it. A figure is named {@code name} or {@code name:value}, e.g.
 * {@code status:WON_BACK}, {@code contacted:PHONE}, {@code returned:HOLDOUT}.
 */
public final class ReportFigures {

  /** Outcomes that mean the customer was approached: something went out, or someone tried or talked. */
  public static final List<String> CONTACT_OUTCOMES = names(Outcome.SENT, Outcome.REACHED, Outcome.NOT_REACHED,
      Outcome.FEEDBACK_RECEIVED, Outcome.WON_BACK, Outcome.DECLINED, Outcome.DO_NOT_CONTACT, Outcome.MEETING_SCHEDULED);
  /** Outcomes that mean the customer answered: reached on the phone or in person, or a result. */
  public static final List<String> REACHED_OUTCOMES = names(Outcome.REACHED, Outcome.FEEDBACK_RECEIVED,
      Outcome.WON_BACK, Outcome.DECLINED, Outcome.DO_NOT_CONTACT, Outcome.MEETING_SCHEDULED);
  /** Returned: the customer stays (won back) or took the cancellation back (withdrawn). */
  public static final List<String> RETURNED = names(CaseStatus.WON_BACK, CaseStatus.WITHDRAWN);
  /** Statuses of a case still under way. */
  public static final List<String> UNDER_WAY = names(CaseStatus.OPEN, CaseStatus.NEEDS_DATA,
      CaseStatus.AWAITING_MEETING);

  static final String TREATED = "c.cohort = 'TREATED'";

  /** The parameter a figure's value is bound to. */
  static final String VALUE = "figureValue";

  private ReportFigures() {}

  /** A parsed figure: the SQL condition on {@code c}, and the value it binds to {@value #VALUE} (or null). */
  public record Figure(String key, String condition, String value) {}

  /** The figure named {@code key}; an unknown name or value is refused. */
  public static Figure parse(String key) {
    if (key == null || key.isBlank()) {
      return new Figure("all", "TRUE", null);
    }
    int colon = key.indexOf(':');
    String name = colon < 0 ? key : key.substring(0, colon);
    String value = colon < 0 ? null : key.substring(colon + 1);
    String condition = switch (name) {
      case "all" -> "TRUE";
      case "cases" -> TREATED;
      case "contacted" -> TREATED + " AND " + (value == null ? contacted(null) : contacted(check(value, Channel.class)));
      case "reached" -> TREATED + " AND " + exists(REACHED_OUTCOMES);
      case "open" -> TREATED + " AND c.status IN " + list(UNDER_WAY);
      case "status" -> TREATED + " AND c.status = :" + VALUE + check(value, CaseStatus.class, "");
      case "suppressed" -> TREATED + " AND c.status = 'SUPPRESSED'"
          + (value == null ? "" : " AND c.suppression_reason = :" + VALUE);
      case "category" -> "EXISTS (SELECT 1 FROM report_outcome o WHERE o.case_id = c.case_id AND o.feedback_category = :"
          + VALUE + ")" + check(value, CancellationReason.class, "");
      case "choice" -> "c.customer_choice = :" + VALUE + check(value, CustomerChoice.class, "");
      case "optout" -> "(c.customer_choice = 'NO_CONTACT' OR " + exists(List.of(Outcome.DO_NOT_CONTACT.name())) + ")";
      case "cohort" -> "c.cohort = :" + VALUE + check(value, Cohort.class, "");
      // returned:COHORT belongs to the holdout report; plain returned is the treated cases' (by channel too).
      case "returned" -> (value == null ? TREATED : "c.cohort = :" + VALUE + check(value, Cohort.class, ""))
          + " AND c.status IN " + list(RETURNED);
      default -> throw new IllegalArgumentException("no figure " + key);
    };
    boolean bindsValue = condition.contains(":" + VALUE);
    if (value != null && !bindsValue && !name.equals("contacted")) {
      throw new IllegalArgumentException("figure " + name + " takes no value");
    }
    if (bindsValue && (value == null || value.isBlank())) {
      throw new IllegalArgumentException("figure " + name + " needs a value (" + name + ":...)");
    }
    return new Figure(key, condition, bindsValue ? value : null);
  }

  /** Approached on {@code channel} (a task of that channel with a contact outcome), or on any channel. */
  static String contacted(String channel) {
    return "EXISTS (SELECT 1 FROM report_outcome o JOIN report_task t ON t.task_id = o.task_id "
        + "WHERE o.case_id = c.case_id AND o.outcome IN " + list(CONTACT_OUTCOMES)
        + (channel == null ? "" : " AND t.channel = '" + channel + "'") + ")";
  }

  static String exists(List<String> outcomes) {
    return "EXISTS (SELECT 1 FROM report_outcome o WHERE o.case_id = c.case_id AND o.outcome IN " + list(outcomes) + ")";
  }

  /** A SQL list of constants; only enum names ever come here, never a request's text. */
  static String list(List<String> names) {
    return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "(", ")"));
  }

  private static <E extends Enum<E>> String check(String value, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant.name();
      }
    }
    throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + value);
  }

  /** Checks the value names a constant of {@code type}; returns {@code suffix}. */
  private static <E extends Enum<E>> String check(String value, Class<E> type, String suffix) {
    if (value != null) {
      check(value, type);
    }
    return suffix;
  }

  @SafeVarargs
  private static <E extends Enum<E>> List<String> names(E... values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }

  /** How a case's status reads in the reports: a holdout case has no outreach, so no "open" or "no response". */
  public static String displayStatus(String cohort, String status) {
    if (Cohort.HOLDOUT.name().equals(cohort)) {
      if (CaseStatus.OPEN.name().equals(status)) {
        return "HOLDOUT";
      }
      if (CaseStatus.NO_RESPONSE.name().equals(status)) {
        return "NOT_RETURNED";
      }
    }
    return status;
  }

  /** The holdout report's figures ignore the channel filter, as the holdout report does (the holdout has none). */
  static boolean ofHoldoutReport(Figure figure) {
    return figure.key().startsWith("cohort:") || figure.key().startsWith("returned:");
  }

  static Map<String, Object> bind(Figure figure) {
    return figure.value() == null ? Map.of() : Map.of(VALUE, figure.value());
  }
}
