package io.winback.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a freshly started service exports on {@code /actuator/prometheus}, recorded in
 * {@code deploy/prometheus/exported-metrics/<service>.txt} for the deployment tests, which check
 * every alert's metrics against it.
 *
 * <p>The recording holds a line per metric name, and for Winback's own metrics ({@code winback_*})
 * a line per series with its labels: so an alert on a counter can be checked to find it at zero
 * from start-up, for every label value it watches. Each service's test scrapes the service and
 * requires every recorded line to be in the scrape (a metric renamed or gone fails there, not in
 * production); with {@code -D}{@value #RECORD}{@code =true} it writes the recording instead.
 */
public final class ExportedMetrics {

  public static final String RECORD = "winback.metrics.record";
  private static final String WINBACK = "winback_";
  /**
   * Timers the JVM registers when the event first happens, not at start-up: a service that has not
   * collected garbage yet has no {@code jvm_gc_pause_seconds}. No alert may rely on them being there.
   */
  private static final List<String> APPEAR_ON_FIRST_EVENT = List.of("jvm_gc_pause_", "jvm_gc_concurrent_phase_time_");

  private ExportedMetrics() {}

  /** The repository's recording for {@code service}, from a module two levels below the root (services/x). */
  public static Path recording(String service) {
    return Path.of("..", "..", "deploy", "prometheus", "exported-metrics", service + ".txt").toAbsolutePath()
        .normalize();
  }

  /**
   * The lines of a recording from a scrape in Prometheus's text format: every metric name, and every
   * {@code winback_*} series (labels in the order the scrape has them, values dropped) that
   * {@code keepSeries} accepts, e.g. not a consumer group another test left on the shared broker.
   */
  public static SortedSet<String> of(String scrape, Predicate<String> keepSeries) {
    SortedSet<String> lines = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int labels = line.indexOf('{');
      int space = line.indexOf(' ');
      int end = labels >= 0 && labels < space ? line.indexOf('}', labels) + 1 : space;
      String series = line.substring(0, end);
      String name = labels >= 0 && labels < space ? line.substring(0, labels) : series;
      if (APPEAR_ON_FIRST_EVENT.stream().anyMatch(name::startsWith)) {
        continue;
      }
      lines.add(name);
      if (name.startsWith(WINBACK) && keepSeries.test(series)) {
        lines.add(series);
      }
    }
    return lines;
  }

  /**
   * Requires every line of the service's recording to be in {@code fresh}; or, with
   * {@code -Dwinback.metrics.record=true}, writes {@code fresh} as the new recording.
   *
   * @param how what the service test does to get there, for the recording's header
   */
  public static void check(String service, SortedSet<String> fresh, String how) {
    Path recording = recording(service);
    if (Boolean.getBoolean(RECORD)) {
      write(recording, service, fresh, how);
      return;
    }
    if (!Files.isRegularFile(recording)) {
      throw new AssertionError("no recording of what " + service + " exports at " + recording + "; record it with"
          + " -D" + RECORD + "=true");
    }
    List<String> missing = new ArrayList<>();
    for (String line : read(recording)) {
      if (!fresh.contains(line)) {
        missing.add(line);
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError(service + " no longer exports what " + recording + " records (the alerts are checked"
          + " against it):\n  " + String.join("\n  ", missing) + "\nIf that is meant, record again with -D" + RECORD
          + "=true and check the alerts in deploy/k8s/base/monitoring/prometheus-rule.yaml");
    }
  }

  /** The recording's lines, comments left out. */
  public static List<String> read(Path recording) {
    try {
      return Files.readAllLines(recording, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path recording, String service, SortedSet<String> lines, String how) {
    StringBuilder text = new StringBuilder()
        .append("# What a freshly started ").append(service).append(" exports on /actuator/prometheus: every metric\n")
        .append("# name, and every winback_* series with its labels. Recorded by ").append(how).append(";\n")
        .append("# that test fails when the service stops exporting a line of it. Record again with\n")
        .append("# -D").append(RECORD).append("=true. deploy/tests checks every alert's metrics against it.\n");
    lines.forEach(line -> text.append(line).append('\n'));
    try {
      Files.createDirectories(recording.getParent());
      Files.writeString(recording, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
