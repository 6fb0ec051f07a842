package io.winback.deploy;

import java.util.List;
import java.util.Map;

/** Kubernetes label selectors (matchLabels and matchExpressions), as NetworkPolicies use them. */
final class LabelSelector {

  private LabelSelector() {}

  /** An empty selector ({}) selects everything; so does a missing one where the API says so. */
  static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
    for (Map.Entry<String, Object> required : Manifests.map(selector, "matchLabels").entrySet()) {
      if (!String.valueOf(required.getValue()).equals(labels.get(required.getKey()))) {
        return false;
      }
    }
    for (Map<String, Object> expression : Manifests.list(selector, "matchExpressions")) {
      String key = Manifests.str(expression, "key");
      List<String> values = Manifests.strings(expression, "values");
      String operator = Manifests.str(expression, "operator");
      boolean ok = switch (operator) {
        case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
        case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> throw new AssertionError("unknown selector operator " + operator + " in " + selector);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
