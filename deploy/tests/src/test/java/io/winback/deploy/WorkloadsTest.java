package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winback.schemas.topics.Topics;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Deployments, Services, probes, resources, the autoscaler and the disruption budgets. */
class WorkloadsTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyServiceHasADeploymentAndAServiceOnItsPort(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Set<String> deployments = manifests.ofKind("Deployment").stream().map(Manifests::name).collect(Collectors.toSet());
    assertThat(deployments).as("%s Deployments vs services/*", overlay).containsExactlyInAnyOrderElementsOf(Repo.services().keySet());
    SoftAssertions softly = new SoftAssertions();
    for (Repo.Service service : Repo.services().values()) {
      Map<String, Object> container = container(manifests, service.folder());
      List<Map<String, Object>> ports = Manifests.list(container, "ports");
      softly.assertThat(ports).as("%s %s container ports", overlay, service.folder())
          .anySatisfy(port -> {
            assertThat(port.get("name")).isEqualTo("http");
            assertThat(Manifests.integer(port, "containerPort")).isEqualTo(service.port());
          });
      String image = Manifests.str(container, "image");
      softly.assertThat(image).as("%s %s image", overlay, service.folder()).startsWith("winback/" + service.folder() + ":");
      Map<String, Object> k8sService = manifests.get("Service", service.folder());
      softly.assertThat(Manifests.list(k8sService, "spec", "ports")).as("%s Service %s", overlay, service.folder())
          .anySatisfy(port -> {
            assertThat(port.get("name")).isEqualTo("http");
            assertThat(Manifests.integer(port, "port")).isEqualTo(service.port());
            assertThat(String.valueOf(port.get("targetPort"))).isIn("http", String.valueOf(service.port()));
          });
      Map<String, Object> selector = Manifests.map(k8sService, "spec", "selector");
      Map<String, Object> podLabels = Manifests.map(manifests.get("Deployment", service.folder()), "spec", "template", "metadata", "labels");
      softly.assertThat(podLabels).as("%s Service %s selects its pods", overlay, service.folder()).containsAllEntriesOf(selector);
      softly.assertThat(selector).as("%s Service %s selector", overlay, service.folder()).isNotEmpty();
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyDeploymentHasActuatorProbesAndResources(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      String name = Manifests.name(deployment);
      for (Map<String, Object> container : Manifests.list(deployment, "spec", "template", "spec", "containers")) {
        String where = overlay + " " + name + "/" + container.get("name");
        softly.assertThat(Manifests.str(container, "readinessProbe", "httpGet", "path")).as("%s readiness", where)
            .isEqualTo("/actuator/health/readiness");
        softly.assertThat(Manifests.str(container, "livenessProbe", "httpGet", "path")).as("%s liveness", where)
            .isEqualTo("/actuator/health/liveness");
        // Actuator answers on the management port only (MANAGEMENT_SERVER_PORT), and so must the probes.
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          Object port = Manifests.at(container, probe, "httpGet", "port");
          softly.assertThat(String.valueOf(port)).as("%s %s port", where, probe)
              .isIn(Management.PORT_NAME, String.valueOf(Management.PORT));
        }
        softly.assertThat(Manifests.str(container, "startupProbe", "httpGet", "path")).as("%s startup", where)
            .isEqualTo("/actuator/health/liveness");
        for (String kind : List.of("requests", "limits")) {
          for (String resource : List.of("cpu", "memory")) {
            softly.assertThat(Manifests.str(container, "resources", kind, resource)).as("%s %s.%s", where, kind, resource).isNotBlank();
          }
        }
        if (Manifests.str(container, "resources", "requests", "memory") != null) {
          softly.assertThat(Quantity.bytes(Manifests.str(container, "resources", "requests", "memory")))
              .as("%s memory request <= limit", where)
              .isLessThanOrEqualTo(Quantity.bytes(Objects.requireNonNullElse(Manifests.str(container, "resources", "limits", "memory"), "0")));
          softly.assertThat(Quantity.millicores(Manifests.str(container, "resources", "requests", "cpu")))
              .as("%s cpu request <= limit", where)
              .isLessThanOrEqualTo(Quantity.millicores(Objects.requireNonNullElse(Manifests.str(container, "resources", "limits", "cpu"), "0")));
        }
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyServiceServesActuatorOnItsManagementPort(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Repo.Service service : Repo.services().values()) {
      String where = overlay + " " + service.folder();
      Map<String, Object> container = container(manifests, service.folder());
      Integer management = Management.containerPort(container);
      softly.assertThat(management).as("%s container port %s", where, Management.PORT_NAME).isEqualTo(Management.PORT);
      softly.assertThat(plainEnv(container)).as("%s environment", where)
          .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(management));
      softly.assertThat(management).as("%s: Actuator apart from the http port", where).isNotEqualTo(service.port());
      softly.assertThat(Manifests.list(manifests.get("Service", service.folder()), "spec", "ports"))
          .as("%s Service port %s", where, Management.PORT_NAME)
          .anySatisfy(port -> {
            assertThat(port.get("name")).isEqualTo(Management.PORT_NAME);
            assertThat(Manifests.integer(port, "port")).isEqualTo(Management.PORT);
            assertThat(String.valueOf(port.get("targetPort"))).isIn(Management.PORT_NAME, String.valueOf(Management.PORT));
          });
    }
    softly.assertAll();
  }

  /** winback.monitor.services.*: where the topic monitor reads each service's /actuator/health. */
  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theTopicMonitorProbesEveryServiceOnItsManagementPort(String overlay) throws Exception {
    Manifests manifests = Kustomize.overlay(overlay);
    String json = plainEnv(container(manifests, "topic-monitor")).get("SPRING_APPLICATION_JSON");
    assertThat(json).as("%s topic monitor SPRING_APPLICATION_JSON", overlay).isNotNull();
    Map<String, String> urls = new TreeMap<>();
    new ObjectMapper().readTree(json).path("winback").path("monitor").path("services")
        .properties().forEach(entry -> urls.put(entry.getKey(), entry.getValue().asText()));
    assertThat(urls.keySet()).as("%s: a URL per service", overlay).containsExactlyInAnyOrderElementsOf(Repo.services().keySet());
    SoftAssertions softly = new SoftAssertions();
    urls.forEach((service, url) -> {
      URI uri = URI.create(url);
      String expectedHost = service.equals("topic-monitor") ? "localhost" : service;
      softly.assertThat(uri.getHost()).as("%s %s: %s", overlay, service, url).isEqualTo(expectedHost);
      softly.assertThat(uri.getPort()).as("%s %s: %s on the management port", overlay, service, url).isEqualTo(Management.PORT);
      softly.assertThat(uri.getPath()).as("%s %s: a base URL (the monitor adds /actuator/health)", overlay, url).isIn("", "/");
    });
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theProcessorNeverScalesBeyondThePartitions(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    for (Map<String, Object> hpa : manifests.ofKind("HorizontalPodAutoscaler")) {
      String name = Manifests.name(hpa);
      assertThat(Manifests.integer(hpa, "spec", "maxReplicas")).as("%s HPA %s maxReplicas", overlay, name)
          .isLessThanOrEqualTo(Topics.CUSTOMER_PARTITIONS);
      assertThat(Manifests.integer(hpa, "spec", "minReplicas")).as("%s HPA %s minReplicas", overlay, name)
          .isBetween(1, Manifests.integer(hpa, "spec", "maxReplicas"));
      String target = Manifests.str(hpa, "spec", "scaleTargetRef", "name");
      assertThat(manifests.find("Deployment", target)).as("%s HPA %s target", overlay, name).isPresent();
    }
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Integer replicas = Manifests.integer(deployment, "spec", "replicas");
      if (replicas != null && Manifests.name(deployment).equals("churn-processor")) {
        assertThat(replicas).isLessThanOrEqualTo(Topics.CUSTOMER_PARTITIONS);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyDeploymentHasADisruptionBudgetThatStillAllowsDrains(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      String name = Manifests.name(deployment);
      Map<String, Object> podLabels = Manifests.map(deployment, "spec", "template", "metadata", "labels");
      List<Map<String, Object>> budgets = manifests.ofKind("PodDisruptionBudget").stream()
          .filter(pdb -> podLabels.entrySet().containsAll(Manifests.map(pdb, "spec", "selector", "matchLabels").entrySet()))
          .toList();
      softly.assertThat(budgets).as("%s PodDisruptionBudget for %s", overlay, name).hasSize(1);
      if (budgets.size() == 1) {
        Map<String, Object> pdb = budgets.get(0);
        int replicas = minimumReplicas(manifests, name);
        Integer minAvailable = Manifests.integer(pdb, "spec", "minAvailable");
        Integer maxUnavailable = Manifests.integer(pdb, "spec", "maxUnavailable");
        softly.assertThat(minAvailable == null ^ maxUnavailable == null).as("%s PDB %s: one of minAvailable, maxUnavailable", overlay, name).isTrue();
        int allowed = minAvailable != null ? replicas - minAvailable : maxUnavailable == null ? 0 : maxUnavailable;
        softly.assertThat(allowed).as("%s PDB %s lets a node drain (replicas %d)", overlay, name, replicas).isGreaterThanOrEqualTo(1);
      }
    }
    softly.assertAll();
  }

  @Test
  void devRunsOneOfEach() {
    Manifests dev = Kustomize.overlay("dev");
    for (Map<String, Object> deployment : dev.ofKind("Deployment")) {
      assertThat(Manifests.integer(deployment, "spec", "replicas")).as("dev %s replicas", Manifests.name(deployment)).isEqualTo(1);
    }
    assertThat(dev.ofKind("HorizontalPodAutoscaler")).as("dev autoscalers").isEmpty();
    // Smaller than prod, container by container.
    Manifests prod = Kustomize.overlay("prod");
    for (String service : Repo.services().keySet()) {
      assertThat(Quantity.bytes(Manifests.str(container(dev, service), "resources", "requests", "memory")))
          .as("dev %s memory request", service)
          .isLessThanOrEqualTo(Quantity.bytes(Manifests.str(container(prod, service), "resources", "requests", "memory")));
    }
  }

  @Test
  void prodScalesTheProcessorFromThreeToSixWithTwoDesksAndOneMonitor() {
    Manifests prod = Kustomize.overlay("prod");
    Map<String, Object> hpa = prod.get("HorizontalPodAutoscaler", "churn-processor");
    assertThat(Manifests.integer(hpa, "spec", "minReplicas")).isEqualTo(3);
    assertThat(Manifests.integer(hpa, "spec", "maxReplicas")).isEqualTo(6);
    assertThat(Manifests.str(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("churn-processor");
    assertThat(Manifests.at(prod.get("Deployment", "churn-processor"), "spec", "replicas"))
        .as("the autoscaler owns the processor's replicas").isNull();
    assertThat(Manifests.integer(prod.get("Deployment", "outreach-desk"), "spec", "replicas"))
        .as("two desks on the shared database").isEqualTo(2);
    assertThat(Manifests.integer(prod.get("Deployment", "topic-monitor"), "spec", "replicas")).isEqualTo(1);
    assertThat(Manifests.integer(prod.get("PodDisruptionBudget", "churn-processor"), "spec", "minAvailable")).isEqualTo(2);
    assertThat(Manifests.integer(prod.get("PodDisruptionBudget", "outreach-desk"), "spec", "minAvailable")).isEqualTo(1);
    assertThat(Manifests.integer(prod.get("PodDisruptionBudget", "topic-monitor"), "spec", "maxUnavailable")).isEqualTo(1);
  }

  @Test
  void prodKeepsAStandbyOfTheProcessorsStateSoThatARestartDoesNotRestoreFromZero() {
    Manifests prod = Kustomize.overlay("prod");
    String standbys = plainEnv(container(prod, "churn-processor")).get(STANDBY_REPLICAS);
    assertThat(standbys).as("prod %s", STANDBY_REPLICAS).isEqualTo("1");
    assertThat(minimumReplicas(prod, "churn-processor")).as("an instance for the active task and one for its standby")
        .isGreaterThan(Integer.parseInt(standbys));
    // One instance in dev: a standby would have nowhere to live.
    assertThat(plainEnv(container(Kustomize.overlay("dev"), "churn-processor"))).doesNotContainKey(STANDBY_REPLICAS);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void servicesReachKafkaThroughTheClustersTlsListener(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Map<String, Object> kafka = manifests.get("Kafka", "winback");
    Map<String, Object> listener = Manifests.list(kafka, "spec", "kafka", "listeners").stream()
        .filter(l -> Boolean.TRUE.equals(l.get("tls")) && "scram-sha-512".equals(Manifests.str(l, "authentication", "type")))
        .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no TLS + SCRAM listener"));
    String bootstrap = "winback-kafka-bootstrap:" + Manifests.integer(listener, "port");
    SoftAssertions softly = new SoftAssertions();
    for (String service : Repo.services().keySet()) {
      Map<String, String> env = plainEnv(container(manifests, service));
      softly.assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as("%s %s KAFKA_BOOTSTRAP_SERVERS", overlay, service).isEqualTo(bootstrap);
      softly.assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as("%s %s SPRING_KAFKA_BOOTSTRAP_SERVERS", overlay, service).isEqualTo(bootstrap);
      softly.assertThat(env.get("SPRING_KAFKA_SECURITY_PROTOCOL")).as("%s %s", overlay, service).isEqualTo("SASL_SSL");
      softly.assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).as("%s %s", overlay, service).isEqualTo("SCRAM-SHA-512");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void servicesLeaveTopicCreationToTheKafkaTopics(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (String service : Repo.services().keySet()) {
      Map<String, String> env = plainEnv(container(manifests, service));
      // Spring's KafkaAdmin (processor, desk) or the monitor's own provisioner: one of them is off, none on.
      softly.assertThat(env.entrySet().stream()
              .filter(e -> CREATE_TOPICS_SWITCHES.contains(e.getKey())).map(Map.Entry::getValue).toList())
          .as("%s %s: topic creation at start-up switched off", overlay, service)
          .isNotEmpty().containsOnly("false");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void urlsOfServicesUseTheirPorts(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      for (Map<String, Object> container : Manifests.list(deployment, "spec", "template", "spec", "containers")) {
        // A service's http port, or in Kubernetes its management port.
        plainEnv(container).forEach((name, value) -> ServiceUrls.check(softly, overlay + " " + Manifests.name(deployment) + " " + name,
            value, Management.PORT));
      }
    }
    softly.assertAll();
  }

  /** Spring Boot binds it to spring.kafka.streams.properties[num.standby.replicas]. */
  private static final String STANDBY_REPLICAS = "SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS";
  private static final Set<String> CREATE_TOPICS_SWITCHES = Set.of("SPRING_KAFKA_ADMIN_AUTO_CREATE", "WINBACK_MONITOR_CREATE_TOPICS");

  static Map<String, Object> container(Manifests manifests, String deployment) {
    List<Map<String, Object>> containers = Manifests.list(manifests.get("Deployment", deployment), "spec", "template", "spec", "containers");
    return containers.stream().filter(c -> deployment.equals(c.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(manifests.source() + ": Deployment " + deployment + " has no container " + deployment));
  }

  static List<Map<String, Object>> env(Map<String, Object> container) {
    return Manifests.list(container, "env");
  }

  static Map<String, String> plainEnv(Map<String, Object> container) {
    return env(container).stream().filter(e -> e.get("value") != null)
        .collect(Collectors.toMap(e -> String.valueOf(e.get("name")), e -> String.valueOf(e.get("value")), (a, b) -> b));
  }

  private static int minimumReplicas(Manifests manifests, String deployment) {
    return manifests.ofKind("HorizontalPodAutoscaler").stream()
        .filter(hpa -> deployment.equals(Manifests.str(hpa, "spec", "scaleTargetRef", "name")))
        .map(hpa -> Manifests.integer(hpa, "spec", "minReplicas"))
        .findFirst()
        .orElseGet(() -> Objects.requireNonNullElse(Manifests.integer(manifests.get("Deployment", deployment), "spec", "replicas"), 1));
  }
}
