package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.local.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules as Prometheus reads them: the PrometheusRule's groups, as the prod overlay renders
 * them, pass {@code promtool check rules}, and the unit tests in
 * {@code deploy/prometheus/winback-rules.test.yaml} ({@code promtool test rules}) fire every one of the
 * alerts on the series that should page. promtool comes from Debian's prometheus package
 * ({@link Promtool}, installed when missing).
 */
class AlertRulesTest {

  private static final String RULES = "winback-rules.yaml";
  private static final String UNIT_TESTS = "deploy/prometheus/winback-rules.test.yaml";

  @Test
  void theRulesPassPromtoolCheck(@TempDir Path dir) throws IOException {
    writeRules(dir);

    Commands.Result check = Promtool.run(dir, "check", "rules", RULES);

    assertThat(check.exitCode()).as("promtool check rules:\n%s", check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void everyAlertFiresInThePromtoolUnitTestsAndTheTestsPass(@TempDir Path dir) throws IOException {
    writeRules(dir);
    Files.copy(Repo.path(UNIT_TESTS), dir.resolve("winback-rules.test.yaml"));

    Commands.Result test = Promtool.run(dir, "test", "rules", "winback-rules.test.yaml");

    assertThat(test.exitCode()).as("promtool test rules:\n%s", test.output()).isZero();
    assertThat(firedInTests()).as("alerts with a test that expects them to fire").isEqualTo(alerts());
  }

  /** The groups of every PrometheusRule in the prod overlay, as a Prometheus rule file. */
  private static void writeRules(Path dir) throws IOException {
    List<Map<String, Object>> groups = Kustomize.overlay("prod").ofKind("PrometheusRule").stream()
        .flatMap(rule -> Manifests.list(rule, "spec", "groups").stream()).toList();
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Files.writeString(dir.resolve(RULES), new Yaml(options).dump(Map.of("groups", groups)));
  }

  private static Set<String> alerts() {
    return new TreeSet<>(MonitoringTest.alerts(Kustomize.overlay("prod")).keySet());
  }

  private static Set<String> firedInTests() throws IOException {
    Map<String, Object> tests = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(Repo.path(UNIT_TESTS)));
    Set<String> fired = new TreeSet<>();
    for (Map<String, Object> test : Manifests.list(tests, "tests")) {
      for (Map<String, Object> check : Manifests.list(test, "alert_rule_test")) {
        Object expected = check.get("exp_alerts");
        if (expected instanceof List<?> list && !list.isEmpty()) {
          fired.add(String.valueOf(check.get("alertname")));
        }
      }
    }
    return fired;
  }
}
