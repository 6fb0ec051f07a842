package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Alerts that can fire: every metric an alert reads is one a freshly started service exports (the
 * recordings in {@code deploy/prometheus/exported-metrics/}, each kept true by an ExportedMetricsIT of
 * its service), or one Kubernetes and Prometheus provide; and a counter an alert watches with
 * {@code increase()} is there at zero from start-up, for the label values it watches, so that the
 * first increment is seen too.
 */
class AlertMetricsTest {

  private static final String RECORDINGS = "deploy/prometheus/exported-metrics";

  /** Metrics from outside Winback's services, and who provides them. */
  private static final Map<String, String> PROVIDED = Map.of(
      "up", "Prometheus itself, per scrape target",
      "cnpg_collector_up", "CloudNativePG's exporter on every outreach-desk-db instance (PodMonitor)",
      "cnpg_pg_replication_lag", "CloudNativePG's exporter on every outreach-desk-db instance (PodMonitor)",
      "kubelet_volume_stats_available_bytes", "the kubelet's volume statistics",
      "kubelet_volume_stats_capacity_bytes", "the kubelet's volume statistics");

  /** Counter functions: on a counter born with its first increment, they miss that increment. */
  private static final Pattern COUNTER_FUNCTION = Pattern.compile("\\b(increase|rate|irate|resets)\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

  @Test
  void everyMetricAnAlertReadsIsExportedByAFreshlyStartedServiceOrProvidedByTheCluster() {
    Map<String, Set<String>> exported = exportedNames();
    SoftAssertions softly = new SoftAssertions();
    alerts().forEach((alert, expr) -> {
      for (String metric : PromQl.metricNames(expr)) {
        softly.assertThat(exported.containsKey(metric) || PROVIDED.containsKey(metric))
            .as("%s reads %s: no service exports it at start-up (%s) and the cluster does not provide it", alert,
                metric, RECORDINGS).isTrue();
      }
    });
    softly.assertAll();
  }

  @Test
  void everyCounterAnAlertWatchesIsThereAtZeroFromStartUp() {
    Map<String, Set<String>> exported = exportedNames();
    SoftAssertions softly = new SoftAssertions();
    alerts().forEach((alert, expr) -> {
      Matcher counter = COUNTER_FUNCTION.matcher(expr);
      while (counter.find()) {
        String metric = counter.group(2);
        softly.assertThat(metric).as("%s watches a counter", alert).endsWith("_total");
        softly.assertThat(exported).as("%s: %s exported at start-up", alert, metric).containsKey(metric);
        softly.assertThat(series(metric)).as("%s: %s has its series from start-up", alert, metric).isNotEmpty();
      }
    });
    softly.assertAll();
  }

  @Test
  void deadLettersAreCountedFromStartUpForEveryInputTheProcessorReads() {
    List<String> deadLetters = series("winback_dead_letters_total");
    for (TopicSpec<?, ?> input : Topics.INPUTS) {
      assertThat(deadLetters).as("winback_dead_letters_total for source %s at start-up", input.name())
          .anyMatch(series -> series.contains("source=\"" + input.name() + "\""));
    }
    assertThat(deadLetters).anyMatch(series -> series.contains("source=\"timer\""));
  }

  @Test
  void theMetricNamesOfAnExpressionAreFoundAndNothingElse() {
    assertThat(PromQl.metricNames("""
        (sum by (namespace, group) (deriv(winback_consumer_lag_records{topic=~"a\\\\..*"}[15m])) > 1000)
          and on() (hour() >= 7 < 17) or absent(up{service="x"}) unless rate(winback_x_total[5m] offset 1h) > bool 0
        """)).containsExactlyInAnyOrder("winback_consumer_lag_records", "up", "winback_x_total");
  }

  private static Map<String, String> alerts() {
    return MonitoringTest.alerts(Kustomize.overlay("prod"));
  }

  /** Metric name to the services whose recording has it. */
  private static Map<String, Set<String>> exportedNames() {
    Map<String, Set<String>> names = new HashMap<>();
    for (Path recording : recordings()) {
      String service = recording.getFileName().toString().replace(".txt", "");
      for (String line : lines(recording)) {
        int labels = line.indexOf('{');
        names.computeIfAbsent(labels < 0 ? line : line.substring(0, labels), name -> new TreeSet<>()).add(service);
      }
    }
    assertThat(names).as("recordings in %s", RECORDINGS).isNotEmpty();
    return names;
  }

  private static List<String> series(String metric) {
    return recordings().stream().flatMap(recording -> lines(recording).stream())
        .filter(line -> line.startsWith(metric + "{")).toList();
  }

  private static List<Path> recordings() {
    try (Stream<Path> files = Files.list(Repo.path(RECORDINGS))) {
      return files.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path recording) {
    try {
      return Files.readAllLines(recording).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Just enough PromQL to find the metric names in an expression. */
  static final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
        "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {}

    static Set<String> metricNames(String expr) {
      String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // strings first: they may hold anything
          .replaceAll("\\{[^}]*}", " ")                                  // label matchers
          .replaceAll("\\[[^]]*]", " ")                                  // ranges
          .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
      Set<String> names = new TreeSet<>();
      Matcher identifier = IDENTIFIER.matcher(bare);
      while (identifier.find()) {
        String name = identifier.group();
        int after = identifier.end();
        while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
          after++;
        }
        boolean function = after < bare.length() && bare.charAt(after) == '(';
        boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
        if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
          names.add(name);
        }
      }
      return names;
    }
  }
}
