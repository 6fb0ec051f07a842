package io.winback.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may open a connection to which port of which pod, computed from the rendered NetworkPolicies
 * the way Kubernetes evaluates them: a pod selected by no policy (of type Ingress) admits everyone;
 * a selected pod admits what at least one rule of one selecting policy admits, by port and peer.
 * Traffic from the pod's own node (kubelet probes) is always allowed and is not modelled.
 */
final class NetworkModel {

  /** A pod, in the namespace it runs in (null: not a pod, outside the cluster); ports by container port name. */
  record Pod(String identity, String namespace, Map<String, String> labels, Map<String, Integer> ports) {

    static Pod outside(String identity) {
      return new Pod(identity, null, Map.of(), Map.of());
    }

    /** Whether a port as a policy or Service names it (a number, or a container port's name) is one of this pod's. */
    boolean hasPort(Object port) {
      return port instanceof Number number ? ports.containsValue(number.intValue()) : ports.containsKey(String.valueOf(port));
    }
  }

  private final List<Map<String, Object>> policies;

  NetworkModel(Manifests manifests) {
    this.policies = manifests.ofKind("NetworkPolicy");
  }

  /** The pods of the rendered namespace: Deployments' and those the operators create from the custom resources. */
  static List<Pod> pods(Manifests manifests) {
    List<Pod> pods = new ArrayList<>();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (Map<String, Object> container : Manifests.list(deployment, "spec", "template", "spec", "containers")) {
        for (Map<String, Object> port : Manifests.list(container, "ports")) {
          ports.put(Manifests.str(port, "name"), Manifests.integer(port, "containerPort"));
        }
      }
      pods.add(new Pod(Manifests.name(deployment), Manifests.str(deployment, "metadata", "namespace"),
          strings(Manifests.map(deployment, "spec", "template", "metadata", "labels")), ports));
    }
    pods.addAll(OperatorPods.of(manifests));
    return pods;
  }

  /** The identities of the sources that may connect to port of destination. */
  Set<String> sources(Pod destination, int port, Collection<Pod> candidates) {
    Set<String> allowed = new TreeSet<>();
    for (Pod source : candidates) {
      if (allows(source, destination, port)) {
        allowed.add(source.identity());
      }
    }
    return allowed;
  }

  /** The NetworkPolicies (of type Ingress) that select the pod. */
  List<Map<String, Object>> selecting(Pod pod) {
    return policies.stream()
        .filter(policy -> pod.namespace() != null && pod.namespace().equals(Manifests.str(policy, "metadata", "namespace")))
        .filter(NetworkModel::governsIngress)
        .filter(policy -> LabelSelector.matches(Manifests.map(policy, "spec", "podSelector"), pod.labels()))
        .toList();
  }

  boolean allows(Pod source, Pod destination, int port) {
    List<Map<String, Object>> selecting = selecting(destination);
    if (selecting.isEmpty()) {
      return true;
    }
    for (Map<String, Object> policy : selecting) {
      String namespace = Manifests.str(policy, "metadata", "namespace");
      for (Map<String, Object> rule : Manifests.list(policy, "spec", "ingress")) {
        if (portMatches(rule, destination, port) && peerMatches(rule, namespace, source)) {
          return true;
        }
      }
    }
    return false;
  }

  /** policyTypes absent: Ingress always (the API's default), Egress only with egress rules. */
  private static boolean governsIngress(Map<String, Object> policy) {
    Object types = Manifests.at(policy, "spec", "policyTypes");
    return types == null || Manifests.strings(policy, "spec", "policyTypes").contains("Ingress");
  }

  private static boolean portMatches(Map<String, Object> rule, Pod destination, int port) {
    List<Map<String, Object>> ports = Manifests.list(rule, "ports");
    if (ports.isEmpty()) {
      return true;
    }
    for (Map<String, Object> entry : ports) {
      String protocol = Manifests.str(entry, "protocol");
      if (protocol != null && !protocol.equals("TCP")) {
        continue;
      }
      Object value = entry.get("port");
      if (value == null) {
        return true;
      }
      if (value instanceof Number number) {
        Integer end = Manifests.integer(entry, "endPort");
        if (end == null ? number.intValue() == port : number.intValue() <= port && port <= end) {
          return true;
        }
      } else if (Integer.valueOf(port).equals(destination.ports().get(String.valueOf(value)))) {
        return true; // a named port: the destination's container port of that name
      }
    }
    return false;
  }

  private static boolean peerMatches(Map<String, Object> rule, String policyNamespace, Pod source) {
    List<Map<String, Object>> peers = Manifests.list(rule, "from");
    if (Manifests.at(rule, "from") == null || peers.isEmpty()) {
      return true;
    }
    for (Map<String, Object> peer : peers) {
      if (peer.containsKey("ipBlock")) {
        return true; // an address range may hold anything, pods included: counted as everyone
      }
      if (source.namespace() == null) {
        continue;
      }
      boolean namespaceMatches = peer.containsKey("namespaceSelector")
          ? LabelSelector.matches(Manifests.map(peer, "namespaceSelector"), namespaceLabels(source.namespace()))
          : source.namespace().equals(policyNamespace);
      boolean podMatches = !peer.containsKey("podSelector") || LabelSelector.matches(Manifests.map(peer, "podSelector"), source.labels());
      if (namespaceMatches && podMatches) {
        return true;
      }
    }
    return false;
  }

  /** The label the API server puts on every namespace (the only one the policies use). */
  static Map<String, String> namespaceLabels(String namespace) {
    return Map.of("kubernetes.io/metadata.name", namespace);
  }

  static Map<String, String> strings(Map<String, Object> map) {
    Map<String, String> strings = new LinkedHashMap<>();
    map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
    return strings;
  }
}
