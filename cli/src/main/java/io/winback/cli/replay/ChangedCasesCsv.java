package io.winback.cli.replay;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The changed cases as CSV (RFC 4180): one row per case, the customer's id and the cancellation's
 * event id to look it up, and each side's channel (or SUPPRESSED), goal and rules. No names, no
 * contact data: what a lead needs to judge the change, nothing that reaches the customer.
 */
public final class ChangedCasesCsv {

  static final String HEADER = "customerId,cancellationEventId,beforeChannel,beforeGoal,beforeRules,"
      + "afterChannel,afterGoal,afterRules";

  private ChangedCasesCsv() {}

  public static void write(List<ReplayedCase> cases, Writer out) throws IOException {
    out.write(HEADER + "\r\n");
    for (ReplayedCase replayed : cases) {
      out.write(String.join(",", field(replayed.customerId()), field(replayed.cancellationEventId()),
          side(replayed.before()), side(replayed.after())) + "\r\n");
    }
    out.flush();
  }

  private static String side(ReplayOutcome outcome) {
    return String.join(",", field(outcome.label()), field(outcome.goal() == null ? "" : outcome.goal().name()),
        field(String.join(" ", outcome.rules())));
  }

  private static String field(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
