package io.winback.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One Strimzi ACL rule (simple authorization), with Kafka's rules for implied operations. */
record Acl(String type, String name, String patternType, Set<String> operations, String host) {

  static Acl of(Map<String, Object> rule) {
    Map<String, Object> resource = Manifests.map(rule, "resource");
    List<String> operations = Manifests.strings(rule, "operations");
    String single = Manifests.str(rule, "operation");
    if (single != null) {
      throw new AssertionError("deprecated 'operation' in ACL " + rule + ": Strimzi v1 takes 'operations'");
    }
    String type = Manifests.str(resource, "type");
    String name = Manifests.str(resource, "name");
    String pattern = Manifests.str(resource, "patternType");
    return new Acl(type, type.equals("cluster") ? "kafka-cluster" : name,
        pattern == null ? "literal" : pattern.toLowerCase(Locale.ROOT),
        Set.copyOf(operations), Manifests.str(rule, "host"));
  }

  boolean prefixed() {
    return "prefix".equals(patternType);
  }

  /** Whether this rule covers the named resource of its type. */
  boolean matches(String resourceType, String resourceName) {
    if (!type.equals(resourceType)) {
      return false;
    }
    if (prefixed()) {
      return resourceName.startsWith(name);
    }
    return name.equals("*") || name.equals(resourceName);
  }

  /** Whether this rule allows {@code operation}, directly, by All, or by Kafka's implication rules. */
  boolean allows(String operation) {
    if (operations.contains("All") || operations.contains(operation)) {
      return true;
    }
    return switch (operation) {
      case "Describe" -> operations.stream().anyMatch(op -> Set.of("Read", "Write", "Delete", "Alter").contains(op));
      case "DescribeConfigs" -> operations.contains("AlterConfigs");
      default -> false;
    };
  }

  static boolean allowed(List<Acl> acls, String resourceType, String resourceName, String operation) {
    return acls.stream().anyMatch(acl -> acl.matches(resourceType, resourceName) && acl.allows(operation));
  }

  @SuppressWarnings("unchecked")
  static List<Acl> of(Map<String, Object> kafkaUser, boolean requireSimple) {
    Map<String, Object> authorization = Manifests.map(kafkaUser, "spec", "authorization");
    if (requireSimple && !"simple".equals(authorization.get("type"))) {
      throw new AssertionError("KafkaUser " + Manifests.name(kafkaUser) + " has no simple authorization");
    }
    return Manifests.list(authorization, "acls").stream().map(Acl::of).toList();
  }

  @Override
  public String toString() {
    return type + ":" + name + (prefixed() ? "*" : "") + " " + operations;
  }
}
