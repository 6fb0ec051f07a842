package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.deploy.NetworkModel.Pod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The NetworkPolicies as a matrix: for every port of every pod in the Winback namespace (the
 * Deployments' and the operators' pods), exactly the intended sources may connect, and nobody else:
 * not a pod without labels in the namespace, not a pod in another namespace that copies a Winback
 * pod's labels, not anything outside the cluster. The ports come from the services'
 * winback-service.properties and the manifests, the namespaces from the overlay's site.yaml.
 */
class NetworkPolicyTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  // Sources outside the Winback namespace, as the site places them.
  static final String INGRESS_CONTROLLER = "ingress controller";
  static final String INGRESS_NAMESPACE_OTHER = "another pod in the ingress controller's namespace";
  static final String PROMETHEUS = "Prometheus";
  static final String MONITORING_NAMESPACE_OTHER = "another pod in the monitoring namespace";
  static final String CNPG_OPERATOR = "CloudNativePG operator";
  static final String CNPG_NAMESPACE_OTHER = "another pod in the CloudNativePG operator's namespace";
  static final String STRIMZI_OPERATOR = "Strimzi cluster operator";
  static final String STRIMZI_NAMESPACE_OTHER = "another pod in the Strimzi operator's namespace";
  static final String UNLABELLED = "a pod without labels in the Winback namespace";
  static final String OUTSIDE = "outside the cluster";
  /** Ports nobody has a reason to reach (a debugger, ssh): closed like every port not in the table. */
  static final List<Integer> UNUSED_PORTS = List.of(22, 5005);

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theNamespaceDeniesEveryIngressByDefault(String overlay) {
    assertThat(Kustomize.overlay(overlay).ofKind("NetworkPolicy"))
        .as("%s: a NetworkPolicy selecting every pod, of type Ingress, with no rule", overlay)
        .anySatisfy(policy -> {
          assertThat(Manifests.map(policy, "spec", "podSelector")).isEmpty();
          assertThat(Manifests.at(policy, "spec", "podSelector")).isNotNull();
          assertThat(Manifests.strings(policy, "spec", "policyTypes")).contains("Ingress");
          assertThat(Manifests.list(policy, "spec", "ingress")).isEmpty();
        });
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void exactlyTheIntendedSourcesReachEachPortOfEachPod(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Site site = Site.of(overlay);
    NetworkModel model = new NetworkModel(manifests);
    List<Pod> pods = NetworkModel.pods(manifests);
    assertThat(pods).extracting(Pod::identity).as("%s pods in the namespace", overlay)
        .containsExactlyInAnyOrder("churn-processor", "outreach-desk", "topic-monitor", "outreach-desk-db",
            "winback-dual-role", "winback-entity-operator");
    List<Pod> sources = sources(pods, site, namespace(manifests));
    Map<String, Set<String>> expected = expected();

    Map<String, Set<String>> actual = new TreeMap<>();
    for (Pod destination : pods) {
      Set<Integer> ports = new TreeSet<>(destination.ports().values());
      ports.addAll(UNUSED_PORTS);
      for (int port : ports) {
        actual.put(destination.identity() + ":" + port, model.sources(destination, port, sources));
      }
    }
    assertThat(expected.keySet()).as("%s: every port in the table is a port of a pod", overlay).isSubsetOf(actual.keySet());
    SoftAssertions softly = new SoftAssertions();
    actual.forEach((destination, allowed) -> softly.assertThat(allowed).as("%s: who reaches %s", overlay, destination)
        .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(destination, Set.of())));
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyRuleNamesAPortOfThePodsItSelectsAndAPeer(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    NetworkModel model = new NetworkModel(manifests);
    List<Pod> pods = NetworkModel.pods(manifests);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> policy : manifests.ofKind("NetworkPolicy")) {
      String name = overlay + " NetworkPolicy " + Manifests.name(policy);
      List<Pod> selected = pods.stream().filter(pod -> model.selecting(pod).contains(policy)).toList();
      softly.assertThat(selected).as("%s selects pods", name).isNotEmpty();
      for (Map<String, Object> rule : Manifests.list(policy, "spec", "ingress")) {
        softly.assertThat(Manifests.list(rule, "from")).as("%s: a rule for everyone", name).isNotEmpty()
            .allSatisfy(peer -> assertThat(peer).doesNotContainKey("ipBlock"));
        softly.assertThat(Manifests.list(rule, "ports")).as("%s: a rule for every port", name).isNotEmpty();
        for (Map<String, Object> port : Manifests.list(rule, "ports")) {
          Object value = port.get("port");
          for (Pod pod : selected) {
            softly.assertThat(pod.hasPort(value))
                .as("%s opens port %s, which %s does not have (ports %s)", name, value, pod.identity(), pod.ports())
                .isTrue();
          }
        }
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyServicePortLeadsToAContainerPortOfItsPods(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    List<Pod> pods = NetworkModel.pods(manifests);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> service : manifests.ofKind("Service")) {
      Map<String, Object> selector = Manifests.map(service, "spec", "selector");
      List<Pod> selected = pods.stream().filter(pod -> !selector.isEmpty() && LabelSelector.matches(Map.of("matchLabels", selector), pod.labels())).toList();
      softly.assertThat(selected).as("%s Service %s selects pods", overlay, Manifests.name(service)).isNotEmpty();
      for (Map<String, Object> port : Manifests.list(service, "spec", "ports")) {
        Object target = port.getOrDefault("targetPort", port.get("port"));
        for (Pod pod : selected) {
          softly.assertThat(pod.hasPort(target))
              .as("%s Service %s port %s: target %s on %s", overlay, Manifests.name(service), port.get("name"), target, pod.identity())
              .isTrue();
        }
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void strimzisOwnPolicyOpensTheListenerToNoMoreThanOurs(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    NetworkModel model = new NetworkModel(manifests);
    Map<String, Object> kafka = manifests.get("Kafka", "winback");
    Pod broker = NetworkModel.pods(manifests).stream().filter(pod -> pod.identity().equals("winback-dual-role")).findFirst().orElseThrow();
    for (Map<String, Object> listener : Manifests.list(kafka, "spec", "kafka", "listeners")) {
      int port = Manifests.integer(listener, "port");
      List<Map<String, Object>> peers = new ArrayList<>();
      for (Map<String, Object> policy : model.selecting(broker)) {
        for (Map<String, Object> rule : Manifests.list(policy, "spec", "ingress")) {
          if (Manifests.list(rule, "ports").stream().anyMatch(p -> Integer.valueOf(port).equals(Manifests.integer(p, "port")))) {
            peers.addAll(Manifests.list(rule, "from"));
          }
        }
      }
      assertThat(new HashSet<>(Manifests.list(listener, "networkPolicyPeers")))
          .as("%s listener %s: networkPolicyPeers (Strimzi's generated policy) = the peers our policies admit", overlay, listener.get("name"))
          .isNotEmpty().isEqualTo(new HashSet<>(peers));
    }
  }

  /** Destination "pod:port" to the sources that may connect; every other port of every pod: nobody. */
  static Map<String, Set<String>> expected() {
    int processor = Repo.services().get("churn-processor").port();
    int desk = Repo.services().get("outreach-desk").port();
    int monitor = Repo.services().get("topic-monitor").port();
    int management = Management.PORT;
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    // Forwarded case queries between processor instances; no Ingress, no other client.
    expected.put("churn-processor:" + processor, Set.of("churn-processor"));
    // The UIs through the ingress controller (the whole namespace of it).
    expected.put("outreach-desk:" + desk, Set.of(INGRESS_CONTROLLER, INGRESS_NAMESPACE_OTHER));
    expected.put("topic-monitor:" + monitor, Set.of(INGRESS_CONTROLLER, INGRESS_NAMESPACE_OTHER));
    // Actuator: Prometheus (the monitoring namespace) everywhere, the topic monitor's health probes at the others.
    expected.put("churn-processor:" + management, Set.of(PROMETHEUS, MONITORING_NAMESPACE_OTHER, "topic-monitor"));
    expected.put("outreach-desk:" + management, Set.of(PROMETHEUS, MONITORING_NAMESPACE_OTHER, "topic-monitor"));
    expected.put("topic-monitor:" + management, Set.of(PROMETHEUS, MONITORING_NAMESPACE_OTHER));
    // The desk's PostgreSQL: the desk, the other instances, the operator; the exporter to Prometheus.
    expected.put("outreach-desk-db:5432", Set.of("outreach-desk", "outreach-desk-db", CNPG_OPERATOR));
    expected.put("outreach-desk-db:8000", Set.of(CNPG_OPERATOR));
    expected.put("outreach-desk-db:9187", Set.of(PROMETHEUS, MONITORING_NAMESPACE_OTHER));
    // Kafka: clients on the TLS listener, Strimzi's own traffic on the others.
    expected.put("winback-dual-role:9093", Set.of("churn-processor", "outreach-desk", "topic-monitor"));
    expected.put("winback-dual-role:9090", Set.of("winback-dual-role", STRIMZI_OPERATOR));
    expected.put("winback-dual-role:9091", Set.of("winback-dual-role", "winback-entity-operator", STRIMZI_OPERATOR));
    expected.put("winback-dual-role:8443", Set.of(STRIMZI_OPERATOR));
    return expected;
  }

  /** Every pod of the namespace, the operators' and tools' pods where the site puts them, and intruders. */
  static List<Pod> sources(List<Pod> pods, Site site, String namespace) {
    List<Pod> sources = new ArrayList<>(pods);
    sources.add(new Pod(INGRESS_CONTROLLER, site.ingressNamespace(),
        Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"), Map.of()));
    sources.add(new Pod(INGRESS_NAMESPACE_OTHER, site.ingressNamespace(), Map.of(), Map.of()));
    sources.add(new Pod(PROMETHEUS, site.monitoringNamespace(), Map.of("app.kubernetes.io/name", "prometheus"), Map.of()));
    sources.add(new Pod(MONITORING_NAMESPACE_OTHER, site.monitoringNamespace(), Map.of(), Map.of()));
    sources.add(new Pod(CNPG_OPERATOR, site.cnpgOperatorNamespace(), Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of()));
    sources.add(new Pod(CNPG_NAMESPACE_OTHER, site.cnpgOperatorNamespace(), Map.of(), Map.of()));
    sources.add(new Pod(STRIMZI_OPERATOR, site.strimziOperatorNamespace(),
        Map.of("strimzi.io/kind", "cluster-operator", "name", "strimzi-cluster-operator"), Map.of()));
    sources.add(new Pod(STRIMZI_NAMESPACE_OTHER, site.strimziOperatorNamespace(), Map.of(), Map.of()));
    sources.add(new Pod(UNLABELLED, namespace, Map.of(), Map.of()));
    // Pods in an unrelated namespace wearing the labels of each Winback pod: labels alone admit nobody.
    for (Pod pod : pods) {
      sources.add(new Pod(pod.identity() + " look-alike in namespace elsewhere", "elsewhere", pod.labels(), Map.of()));
    }
    sources.add(Pod.outside(OUTSIDE));
    return sources;
  }

  static String namespace(Manifests manifests) {
    String namespace = Manifests.str(manifests.get("Deployment", "churn-processor"), "metadata", "namespace");
    assertThat(namespace).as("%s namespace", manifests.source()).isNotBlank();
    return namespace;
  }
}
