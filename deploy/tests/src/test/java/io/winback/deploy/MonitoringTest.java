package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winback.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Alerts, scraping and the Grafana dashboards (one set of files for compose and Kubernetes). */
class MonitoringTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  /** topic="..." and group="..." label matchers in PromQL. */
  private static final Pattern TOPIC_MATCHER = Pattern.compile("topic\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern GROUP_MATCHER = Pattern.compile("group\\s*=\\s*\"([^\"]+)\"");
  private static final Set<String> GROUPS = Set.of("winback-churn-processor", "winback-outreach-desk", "winback-topic-monitor");

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theAlertsTheIssueAsksForExist(String overlay) {
    Map<String, String> alerts = alerts(Kustomize.overlay(overlay));
    assertThat(alerts).containsKeys("WinbackConsumerLagHigh", "WinbackDeadLettersIncreased", "WinbackEndToEndLatencyHigh",
        "WinbackStreamThreadDied", "WinbackNoCancellations");
    assertThat(alerts.get("WinbackConsumerLagHigh")).contains("winback_consumer_lag_records", "deriv(");
    assertThat(alerts.get("WinbackDeadLettersIncreased")).contains("winback_dlq_depth");
    assertThat(alerts.get("WinbackEndToEndLatencyHigh")).contains("winback_consumer_lag_seconds");
    assertThat(alerts.get("WinbackStreamThreadDied")).contains("kafka_stream_");
    assertThat(alerts.get("WinbackNoCancellations"))
        .contains("winback_topic_records_per_second", "topic=\"" + Topics.CANCELLATIONS.name() + "\"", "hour()", "day_of_week()");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void alertsNameOnlyCatalogueTopicsAndWinbackGroups(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    alerts(Kustomize.overlay(overlay)).forEach((alert, expr) -> {
      softly.assertThat(matches(TOPIC_MATCHER, expr)).as("%s %s topics", overlay, alert).isSubsetOf(Topics.names());
      softly.assertThat(matches(GROUP_MATCHER, expr)).as("%s %s groups", overlay, alert).isSubsetOf(GROUPS);
    });
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theServiceMonitorScrapesEveryService(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    List<Map<String, Object>> monitors = manifests.ofKind("ServiceMonitor");
    assertThat(monitors).hasSize(1);
    Map<String, Object> monitor = monitors.get(0);
    Map<String, Object> selector = Manifests.map(monitor, "spec", "selector", "matchLabels");
    List<Map<String, Object>> endpoints = Manifests.list(monitor, "spec", "endpoints");
    // Every endpoint on the management port: Actuator is not on the http port in Kubernetes.
    assertThat(endpoints).isNotEmpty().allSatisfy(endpoint -> {
      assertThat(endpoint.get("port")).isEqualTo(Management.PORT_NAME);
      assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
    });
    for (String service : Repo.services().keySet()) {
      Map<String, Object> labels = Manifests.map(manifests.get("Service", service), "metadata", "labels");
      assertThat(labels).as("%s Service %s is selected by the ServiceMonitor", overlay, service).containsAllEntriesOf(selector);
      assertThat(Manifests.list(manifests.get("Service", service), "spec", "ports")).extracting(port -> port.get("name"))
          .as("%s Service %s ports", overlay, service).contains(Management.PORT_NAME);
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theDashboardConfigMapsAreTheFilesComposeMounts(String overlay) throws IOException {
    Manifests manifests = Kustomize.overlay(overlay);
    List<Path> files = dashboardFiles();
    assertThat(files).as("deploy/grafana/dashboards/*.json").hasSizeGreaterThanOrEqualTo(2);
    Set<String> shipped = new HashSet<>();
    for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
      if (!"1".equals(Manifests.str(configMap, "metadata", "labels", "grafana_dashboard"))) {
        continue;
      }
      Manifests.map(configMap, "data").forEach((key, value) -> {
        Path file = Repo.path("deploy/grafana/dashboards").resolve(key);
        assertThat(file).as("%s ConfigMap %s key %s is a dashboard file", overlay, Manifests.name(configMap), key).isRegularFile();
        try {
          assertThat(String.valueOf(value)).as("%s %s is the file, unchanged", overlay, key).isEqualTo(Files.readString(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        shipped.add(key);
      });
    }
    assertThat(shipped).as("%s: every dashboard file is shipped", overlay)
        .containsExactlyInAnyOrderElementsOf(files.stream().map(f -> f.getFileName().toString()).toList());
  }

  @Test
  void dashboardsAreValidAndNameOnlyCatalogueTopics() throws IOException {
    Set<String> uids = new HashSet<>();
    List<String> titles = new ArrayList<>();
    SoftAssertions softly = new SoftAssertions();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      String name = file.getFileName().toString();
      softly.assertThat(uids.add(dashboard.path("uid").asText())).as("%s unique uid", name).isTrue();
      titles.add(dashboard.path("title").asText());
      softly.assertThat(dashboard.path("panels").size()).as("%s panels", name).isGreaterThan(0);
      for (String expr : expressions(dashboard)) {
        softly.assertThat(matches(TOPIC_MATCHER, expr)).as("%s topics in %s", name, expr).isSubsetOf(Topics.names());
        softly.assertThat(matches(GROUP_MATCHER, expr)).as("%s groups in %s", name, expr).isSubsetOf(GROUPS);
      }
      // Data source through the variable: the same file works with compose's and the cluster's Prometheus.
      softly.assertThat(dashboard.toString()).as("%s data source", name).doesNotContain("\"uid\":\"prometheus\"");
    }
    softly.assertAll();
    assertThat(String.join(" ", titles)).contains("pipeline").contains("Kafka Streams");
  }

  @Test
  void theStreamsDashboardShowsStreamThreadMetrics() throws IOException {
    String streams = Files.readString(Repo.path("deploy/grafana/dashboards/winback-kafka-streams.json"));
    assertThat(streams).contains("kafka_stream_thread_process_rate", "kafka_stream_thread_commit_latency_avg",
        "kafka_stream_alive_stream_threads");
    String pipeline = Files.readString(Repo.path("deploy/grafana/dashboards/winback-pipeline.json"));
    assertThat(pipeline).contains("winback_cases_total", "winback_tasks_total", "winback_dead_letters_total",
        "winback_processor_events_total", "winback_topic_records_per_second", "winback_consumer_lag_records",
        "winback_consumer_lag_seconds", "winback_consumer_status", "winback_dlq_depth", "winback_dlq_records_per_second",
        "winback_topic_end_offset");
  }

  static Map<String, String> alerts(Manifests manifests) {
    List<Map<String, Object>> rules = manifests.ofKind("PrometheusRule");
    assertThat(rules).as("%s PrometheusRule", manifests.source()).isNotEmpty();
    Map<String, String> alerts = new java.util.TreeMap<>();
    for (Map<String, Object> rule : rules) {
      for (Map<String, Object> group : Manifests.list(rule, "spec", "groups")) {
        for (Map<String, Object> alert : Manifests.list(group, "rules")) {
          if (alert.get("alert") != null) {
            alerts.put(String.valueOf(alert.get("alert")), String.valueOf(alert.get("expr")));
          }
        }
      }
    }
    return alerts;
  }

  private static List<Path> dashboardFiles() {
    return Repo.list("deploy/grafana/dashboards", ".json");
  }

  private static List<String> expressions(JsonNode node) {
    List<String> found = new ArrayList<>();
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("expr") || field.getKey().equals("definition")) {
          found.add(field.getValue().asText());
        } else {
          found.addAll(expressions(field.getValue()));
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> found.addAll(expressions(child)));
    }
    return found;
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new HashSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
