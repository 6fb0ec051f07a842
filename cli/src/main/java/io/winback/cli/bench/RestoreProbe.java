package io.winback.cli.bench;

import io.winback.cli.CommandFailure;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Watches a processor that was just launched with an empty state directory until it is ready,
 * and says when each step was reached: Spring answering HTTP, the state updater restoring, and
 * ready. Ready means its readiness answers 200 (Kafka Streams RUNNING, no store restoring) and its
 * restore consumer has read at least every record of the changelogs, so that a moment of RUNNING
 * before the state updater has started on a changelog could not count as ready.
 *
 * <p>It asks readiness ten times a second, the way a probe does (no login), and every half second
 * the two Kafka Streams metrics it needs, by name, from the Prometheus endpoint: both are cheap
 * for the processor, so the watching does not slow the restore it measures.
 */
final class RestoreProbe {

  private static final long POLL_MILLIS = 100;
  private static final long METRICS_EVERY_MILLIS = 500;

  /**
   * What a restore took, in seconds from the launch of the JVM.
   *
   * @param httpSeconds      until the actuator first answered (JVM and Spring started), -1 if never seen
   * @param restoringSeconds until the state updater was first seen restoring, -1 if never seen
   * @param readySeconds     until ready; this is {@code restore_s}
   * @param restoredRecords  changelog records the restore consumer read, -1 if unknown
   * @param earlyReadyMillis how long readiness said 200 before the restore consumer had read everything
   * @param steps            every change of what the processor said, "12.3 s: 503, restoring"
   */
  record Result(double httpSeconds, double restoringSeconds, double readySeconds, long restoredRecords,
      long earlyReadyMillis, List<String> steps) {}

  private RestoreProbe() {}

  static Result await(ProcessorChild processor, long launchedNanos, long changelogRecords, Duration timeout,
      PrintStream progress) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = launchedNanos + timeout.toNanos();
    long httpNanos = -1;
    long restoringNanos = -1;
    long firstReadyNanos = -1;
    long lastMetrics = 0;
    long lastReport = System.nanoTime();
    long restored = -1;
    boolean restoring = false;
    List<String> steps = new ArrayList<>();
    String last = null;
    while (true) {
      String dead = processor.deadReason();
      if (dead != null) {
        throw new CommandFailure("restore: " + dead);
      }
      if (System.nanoTime() > deadline) {
        throw new CommandFailure("restore: the new processor was not ready within " + timeout.toSeconds()
            + " s; see " + processor.log());
      }
      Readiness readiness = processor.readiness(http);
      long seen = System.nanoTime();
      if (readiness.answered() && httpNanos < 0) {
        httpNanos = seen;
      }
      if (readiness.answered() && (readiness.ready() || seen - lastMetrics >= METRICS_EVERY_MILLIS * 1_000_000)) {
        String scrape = processor.metrics(http, PrometheusText.RECORDS_CONSUMED, PrometheusText.ACTIVE_RESTORING_TASKS);
        lastMetrics = seen;
        if (scrape != null) {
          restored = value(PrometheusText.restoredRecords(scrape));
          restoring = value(PrometheusText.activeRestoringTasks(scrape)) > 0;
          if (restoring && restoringNanos < 0) {
            restoringNanos = seen;
          }
        }
      }
      String said = step(readiness, restoring);
      if (!said.equals(last)) {
        String step = String.format(Locale.ROOT, "%.1f s: %s", (seen - launchedNanos) / 1e9, said);
        steps.add(step);
        progress.println("bench: restore: " + step);
        progress.flush();
        last = said;
      }
      if (readiness.ready()) {
        if (firstReadyNanos < 0) {
          firstReadyNanos = seen;
        }
        if (restored < 0 || restored >= changelogRecords) {
          return new Result(seconds(httpNanos, launchedNanos), seconds(restoringNanos, launchedNanos),
              seconds(seen, launchedNanos), restored, TimeUnit.NANOSECONDS.toMillis(seen - firstReadyNanos),
              List.copyOf(steps));
        }
      }
      if (seen - lastReport > TimeUnit.SECONDS.toNanos(5) && restored >= 0) {
        progress.printf(Locale.ROOT, "bench: restore: %,d of %,d changelog records%n", restored, changelogRecords);
        progress.flush();
        lastReport = seen;
      }
      OutputCounter.sleep(POLL_MILLIS);
    }
  }

  /** What a step of the timeline says: the readiness answer, and whether the state updater is restoring. */
  static String step(Readiness readiness, boolean restoring) {
    if (!readiness.answered()) {
      return "not answering (JVM and Spring starting)";
    }
    return "readiness " + readiness.status() + (restoring ? ", restoring" : "");
  }

  private static long value(OptionalDouble metric) {
    return metric.isPresent() ? Math.round(metric.getAsDouble()) : -1;
  }

  private static double seconds(long nanos, long launchedNanos) {
    return nanos < 0 ? -1 : (nanos - launchedNanos) / 1e9;
  }
}
