package io.winback.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods the operators create from the custom resources, with the labels and container ports they
 * give them (CloudNativePG 1.26+, Strimzi 1.0): nothing in the manifests lists these pods, but the
 * NetworkPolicies must fit them.
 */
final class OperatorPods {

  private OperatorPods() {}

  static List<NetworkModel.Pod> of(Manifests manifests) {
    List<NetworkModel.Pod> pods = new ArrayList<>();
    for (Map<String, Object> cluster : manifests.ofKind("Cluster")) {
      if (String.valueOf(cluster.get("apiVersion")).startsWith("postgresql.cnpg.io/")) {
        pods.add(postgresInstance(cluster));
      }
    }
    for (Map<String, Object> kafka : manifests.ofKind("Kafka")) {
      pods.addAll(kafkaPods(manifests, kafka));
    }
    return pods;
  }

  /** A CloudNativePG instance (the primary; replicas carry the same labels but cnpg.io/instanceRole). */
  private static NetworkModel.Pod postgresInstance(Map<String, Object> cluster) {
    String name = Manifests.name(cluster);
    Map<String, String> labels = new LinkedHashMap<>(NetworkModel.strings(Manifests.map(cluster, "spec", "inheritedMetadata", "labels")));
    labels.put("cnpg.io/cluster", name);
    labels.put("cnpg.io/instanceName", name + "-1");
    labels.put("cnpg.io/podRole", "instance");
    labels.put("cnpg.io/instanceRole", "primary");
    labels.put("role", "primary");
    return new NetworkModel.Pod(name, namespace(cluster), labels,
        Map.of("postgresql", 5432, "status", 8000, "metrics", 9187));
  }

  /** A Kafka node per KafkaNodePool of the cluster, and the entity operator if the Kafka asks for one. */
  private static List<NetworkModel.Pod> kafkaPods(Manifests manifests, Map<String, Object> kafka) {
    String name = Manifests.name(kafka);
    // Strimzi copies the custom resource's labels and then sets its own.
    Map<String, String> inherited = NetworkModel.strings(Manifests.map(kafka, "metadata", "labels"));
    List<NetworkModel.Pod> pods = new ArrayList<>();
    for (Map<String, Object> pool : manifests.ofKind("KafkaNodePool")) {
      if (!name.equals(Manifests.str(pool, "metadata", "labels", "strimzi.io/cluster"))) {
        continue;
      }
      List<String> roles = Manifests.strings(pool, "spec", "roles");
      Map<String, String> labels = strimziLabels(inherited, name, name + "-kafka", "kafka");
      labels.put("strimzi.io/pool-name", Manifests.name(pool));
      labels.put("strimzi.io/broker-role", String.valueOf(roles.contains("broker")));
      labels.put("strimzi.io/controller-role", String.valueOf(roles.contains("controller")));
      Map<String, Integer> ports = new LinkedHashMap<>();
      ports.put("tcp-kafkaagent", 8443);
      if (roles.contains("controller")) {
        ports.put("tcp-ctrlplane", 9090);
      }
      if (roles.contains("broker")) {
        ports.put("tcp-replication", 9091);
        for (Map<String, Object> listener : Manifests.list(kafka, "spec", "kafka", "listeners")) {
          ports.put("tcp-" + Manifests.str(listener, "name"), Manifests.integer(listener, "port"));
        }
      }
      pods.add(new NetworkModel.Pod(name + "-" + Manifests.name(pool), namespace(kafka), labels, ports));
    }
    Map<String, Object> entityOperator = Manifests.map(kafka, "spec", "entityOperator");
    if (!entityOperator.isEmpty()) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      if (entityOperator.containsKey("topicOperator")) {
        ports.put("to-healthcheck", 8080);
      }
      if (entityOperator.containsKey("userOperator")) {
        ports.put("uo-healthcheck", 8081);
      }
      pods.add(new NetworkModel.Pod(name + "-entity-operator", namespace(kafka),
          strimziLabels(inherited, name, name + "-entity-operator", "entity-operator"), ports));
    }
    return pods;
  }

  private static Map<String, String> strimziLabels(Map<String, String> inherited, String cluster, String component, String type) {
    Map<String, String> labels = new LinkedHashMap<>(inherited);
    labels.put("strimzi.io/cluster", cluster);
    labels.put("strimzi.io/kind", "Kafka");
    labels.put("strimzi.io/name", component);
    labels.put("strimzi.io/component-type", type);
    labels.put("app.kubernetes.io/name", type);
    labels.put("app.kubernetes.io/instance", cluster);
    labels.put("app.kubernetes.io/part-of", "strimzi-" + cluster);
    labels.put("app.kubernetes.io/managed-by", "strimzi-cluster-operator");
    return labels;
  }

  private static String namespace(Map<String, Object> resource) {
    return Manifests.str(resource, "metadata", "namespace");
  }
}
