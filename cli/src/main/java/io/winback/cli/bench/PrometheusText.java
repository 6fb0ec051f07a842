package io.winback.cli.bench;

import java.util.OptionalDouble;

/** Reads the few figures the benchmark needs from a Prometheus text exposition. */
public final class PrometheusText {

  private PrometheusText() {}

  /** Bytes of heap in use: the sum of {@code jvm_memory_used_bytes{area="heap"}} over the heap pools. */
  public static OptionalDouble heapUsedBytes(String exposition) {
    return sum(exposition, "jvm_memory_used_bytes", "area=\"heap\"");
  }

  /** Bytes of the old generation after the last full or concurrent collection: the live set. */
  public static OptionalDouble liveDataBytes(String exposition) {
    return sum(exposition, "jvm_gc_live_data_size_bytes", null);
  }

  static final String RECORDS_CONSUMED = "kafka_consumer_fetch_manager_records_consumed_total";
  static final String ACTIVE_RESTORING_TASKS = "kafka_stream_state_updater_active_restoring_tasks";

  /** Active tasks the Kafka Streams state updater is restoring, over its threads. */
  public static OptionalDouble activeRestoringTasks(String exposition) {
    return sum(exposition, ACTIVE_RESTORING_TASKS, null);
  }

  /**
   * Records the Kafka Streams restore consumer (the state updater's) has read from the changelogs:
   * its client-level {@code records-consumed-total}, not the per-topic samples.
   */
  public static OptionalDouble restoredRecords(String exposition) {
    return sumWhere(exposition, RECORDS_CONSUMED,
        labels -> labels.contains("restore-consumer\"") && !labels.contains("topic="));
  }

  /** The sum of every sample of {@code metric} whose labels contain {@code label} (any, if null). */
  static OptionalDouble sum(String exposition, String metric, String label) {
    return sumWhere(exposition, metric, labels -> label == null || labels.contains(label));
  }

  /** The sum of every sample of {@code metric} whose label text (between the braces) passes {@code labels}. */
  static OptionalDouble sumWhere(String exposition, String metric, java.util.function.Predicate<String> labels) {
    double total = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(metric) || line.length() <= metric.length()) {
        continue;
      }
      char next = line.charAt(metric.length());
      if (next != '{' && next != ' ') {
        continue; // another metric with this one's name as prefix
      }
      int labelsEnd = next == '{' ? line.indexOf('}') : metric.length();
      if (labelsEnd < 0) {
        continue;
      }
      if (!labels.test(line.substring(metric.length(), labelsEnd))) {
        continue;
      }
      String[] rest = line.substring(labelsEnd + 1).trim().split("\\s+");
      try {
        total += Double.parseDouble(rest[0]);
        found = true;
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return found ? OptionalDouble.of(total) : OptionalDouble.empty();
  }
}
