package io.winback.cli.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An application's records per case by kind (the task, the case update, each store's changelog),
 * from what it wrote per topic: the summary compares the processor's with the floor's, measured in
 * the same run.
 */
final class WritesPerCase {

  static final String TASK = "task";
  static final String CASE = "case";

  private WritesPerCase() {}

  /**
   * Groups topics into kinds: the task topics into {@value #TASK}, a changelog of the application
   * into "{store} store", any other topic into {@value #CASE}. Store changelogs named in
   * {@code leaveOut} (written at pre-load, not per case) are dropped.
   */
  static Map<String, WriteTally.Written> byKind(Map<String, WriteTally.Written> byTopic, String applicationId,
      Collection<String> taskTopics, Collection<String> leaveOut) {
    Map<String, WriteTally.Written> kinds = new LinkedHashMap<>();
    kinds.put(TASK, WriteTally.NOTHING);
    kinds.put(CASE, WriteTally.NOTHING);
    byTopic.forEach((topic, written) -> {
      String kind;
      if (taskTopics.contains(topic)) {
        kind = TASK;
      } else if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
        String store = topic.substring(applicationId.length() + 1, topic.length() - "-changelog".length());
        if (leaveOut.contains(store)) {
          return;
        }
        kind = store + " store";
      } else {
        kind = CASE;
      }
      kinds.merge(kind, written, WriteTally.Written::plus);
    });
    return kinds;
  }

  /** "4.00 records, 3,223 B: task 1.00 × 2,301 B, case 1.00 × 224 B, …" per case. */
  static String describe(Map<String, WriteTally.Written> kinds, long cases) {
    if (cases <= 0) {
      return "no cases";
    }
    long records = kinds.values().stream().mapToLong(WriteTally.Written::records).sum();
    long bytes = kinds.values().stream().mapToLong(WriteTally.Written::bytes).sum();
    String parts = kinds.entrySet().stream()
        .filter(kind -> kind.getValue().records() > 0)
        .map(kind -> String.format(Locale.ROOT, "%s %.2f × %,d B", kind.getKey(),
            kind.getValue().records() / (double) cases, kind.getValue().bytes() / kind.getValue().records()))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%.2f records, %,d B: %s", records / (double) cases, bytes / cases, parts);
  }
}
