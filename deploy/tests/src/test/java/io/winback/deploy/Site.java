package io.winback.deploy;

import java.util.Map;

/**
 * An overlay's site.yaml: the ConfigMap winback-site (kustomize local-config, never applied) whose
 * values components/site writes into the Ingresses, Certificates and NetworkPolicies.
 */
record Site(
    String ingressClass,
    String deskHost,
    String monitorHost,
    String preferencesHost,
    String issuerKind,
    String issuerName,
    String ingressNamespace,
    String monitoringNamespace,
    String cnpgOperatorNamespace,
    String strimziOperatorNamespace) {

  static Site of(String overlay) {
    Map<String, Object> configMap = Kustomize.parse(Repo.read("deploy/k8s/overlays/" + overlay + "/site.yaml")).get(0);
    Map<String, Object> data = Manifests.map(configMap, "data");
    return new Site(value(data, "ingressClass"), value(data, "deskHost"), value(data, "monitorHost"),
        value(data, "preferencesHost"), value(data, "issuerKind"), value(data, "issuerName"),
        value(data, "ingressNamespace"), value(data, "monitoringNamespace"), value(data, "cnpgOperatorNamespace"),
        value(data, "strimziOperatorNamespace"));
  }

  private static String value(Map<String, Object> data, String key) {
    Object value = data.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      throw new AssertionError("site.yaml has no " + key);
    }
    return String.valueOf(value);
  }
}
