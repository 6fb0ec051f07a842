package io.winback.cli.replay;

import io.winback.policy.PolicySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The replay's printout: what was read, the channel and goal mix before and after, suppressions and
 * rules, the changes, and the summary line scripts read. Customer ids appear only in the CSV file.
 */
public final class ReplayReport {

  private ReplayReport() {}

  /**
   * @param period e.g. "published in the last 30d (since 2026-11-01T10:00:00Z)"
   * @param notes  lines printed just before the summary line, e.g. where the CSV went
   */
  public static List<String> render(ReplayResult result, String period, PolicySettings before, PolicySettings after,
      List<String> notes) {
    List<String> lines = new ArrayList<>();
    int read = result.decided() + result.skipped().values().stream().mapToInt(Integer::intValue).sum();
    lines.add("policy replay: " + read + " cancellation record(s) " + period + ", " + result.decided()
        + " decided as a first contact with both settings");
    lines.add("before: today's settings (policy version " + before.version() + ")");
    List<String> changes = SettingsDifference.between(before, after);
    lines.add("after:  " + (changes.isEmpty() ? "the same settings (nothing proposed changes them)"
        : String.join(", ", changes)));
    result.skipped().forEach((skip, count) -> {
      if (count > 0) {
        lines.add("skipped: " + count + " " + skip.description());
      }
    });
    lines.add("");
    table(lines, "channel (first task)", result.before().channels(), result.after().channels());
    table(lines, "goal (contacted cases)", result.before().goals(), result.after().goals());
    table(lines, "suppressed by", result.before().suppressedBy(), result.after().suppressedBy());
    table(lines, "rules fired (decisions)", result.before().rules(), result.after().rules());
    lines.add("changed cases: " + result.changed().size() + " of " + result.decided()
        + " (channel, goal, or contacted vs suppressed)");
    result.transitions().forEach((transition, count) -> lines.add("  " + transition + ": " + count));
    lines.addAll(notes);
    lines.add("");
    lines.add(summaryLine(result));
    return lines;
  }

  /**
   * {@code replay: cancellations=N changed=M before=EMAIL:..,LETTER:..,WHATSAPP:..,PHONE:..,IN_PERSON:..,SUPPRESSED:..
   * after=...}: the channels in the Channel enum's order, then SUPPRESSED, zeros included.
   */
  public static String summaryLine(ReplayResult result) {
    return "replay: cancellations=" + result.decided() + " changed=" + result.changed().size()
        + " before=" + result.before().channelLine() + " after=" + result.after().channelLine();
  }

  /** Rows of both maps (before's order first, then keys only after has), with the change; nothing when empty. */
  private static void table(List<String> lines, String title, Map<String, Integer> before, Map<String, Integer> after) {
    TreeSet<String> onlyAfter = new TreeSet<>(after.keySet());
    onlyAfter.removeAll(before.keySet());
    List<String> labels = new ArrayList<>(before.keySet());
    labels.addAll(onlyAfter);
    if (labels.isEmpty()) {
      lines.add(title + ": none");
      lines.add("");
      return;
    }
    int width = Math.max(title.length(), labels.stream().mapToInt(String::length).max().orElse(0));
    String row = "%-" + width + "s %8s %8s %8s";
    lines.add(String.format(row, title, "before", "after", "change"));
    for (String label : labels) {
      int was = before.getOrDefault(label, 0);
      int is = after.getOrDefault(label, 0);
      lines.add(String.format(row, label, was, is, signed(is - was)));
    }
    lines.add("");
  }

  private static String signed(int difference) {
    return difference > 0 ? "+" + difference : Integer.toString(difference);
  }
}
