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
 * and says when each step was reached: Spring answering HTTP, the first store restoring, and
 * ready. Ready means its readiness answers 200 (Kafka Streams RUNNING, no store restoring) and its
 * restore consumer has read at least every record of the changelogs: Kafka Streams may be RUNNING
 * for a moment before its state updater has started on a changelog, and that moment is not ready.
 */
final class RestoreProbe {

  private static final long POLL_MILLIS = 100;

  /**
   * What a restore took, in seconds from the launch of the JVM.
   *
   * @param httpSeconds      until the actuator first answered (JVM and Spring started), -1 if never seen
   * @param restoringSeconds until a store was first seen restoring, -1 if never seen
   * @param readySeconds     until ready; this is {@code restore_s}
   * @param restoredRecords  changelog records the restore consumer read, -1 if unknown
   * @param earlyReadyMillis how long readiness said 200 before the restore consumer had read everything
   * @param steps            every change of what readiness said, "12.3 s: 503 REBALANCING, stores restoring"
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
    List<String> steps = new ArrayList<>();
    String last = null;
    while (true) {
      String dead = processor.deadReason();
      if (dead != null) {
        throw new CommandFailure("restore: " + dead);
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new CommandFailure("restore: the new processor was not ready within " + timeout.toSeconds()
            + " s; see " + processor.log());
      }
      Readiness readiness = processor.readiness(http);
      long seen = System.nanoTime();
      if (readiness.answered() && httpNanos < 0) {
        httpNanos = seen;
      }
      if (readiness.restoring() && restoringNanos < 0) {
        restoringNanos = seen;
      }
      String said = step(readiness);
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
        long restored = restored(processor);
        if (restored < 0 || restored >= changelogRecords) {
          return new Result(seconds(httpNanos, launchedNanos), seconds(restoringNanos, launchedNanos),
              seconds(seen, launchedNanos), restored, TimeUnit.NANOSECONDS.toMillis(seen - firstReadyNanos),
              List.copyOf(steps));
        }
      }
      OutputCounter.sleep(POLL_MILLIS);
    }
  }

  /** The restore consumer's records so far, from one Prometheus scrape; -1 if the processor does not tell. */
  private static long restored(ProcessorChild processor) {
    String scrape = processor.scrape(null);
    if (scrape == null) {
      return -1;
    }
    OptionalDouble restored = PrometheusText.restoredRecords(scrape);
    return restored.isPresent() ? Math.round(restored.getAsDouble()) : -1;
  }

  /** What a step of the timeline says: the answer and the Streams state, and whether stores are restoring. */
  static String step(Readiness readiness) {
    if (!readiness.answered()) {
      return "not answering (JVM and Spring starting)";
    }
    return readiness.status() + (readiness.state() == null ? "" : " " + readiness.state())
        + (readiness.restoring() ? ", stores restoring" : "");
  }

  private static double seconds(long nanos, long launchedNanos) {
    return nanos < 0 ? -1 : (nanos - launchedNanos) / 1e9;
  }
}
