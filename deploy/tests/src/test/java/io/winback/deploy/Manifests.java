package io.winback.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources one kustomization renders, with small typed helpers over SnakeYAML's maps. */
record Manifests(String source, List<Map<String, Object>> resources) {

  List<Map<String, Object>> ofKind(String kind) {
    return resources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return ofKind(kind).stream().filter(resource -> name.equals(name(resource))).findFirst();
  }

  Map<String, Object> get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError(source + " renders no " + kind + " " + name));
  }

  static String name(Map<String, Object> resource) {
    return str(resource, "metadata", "name");
  }

  /** Follows a path of map keys; null where it ends. */
  static Object at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  static String str(Object node, String... keys) {
    Object value = at(node, keys);
    return value == null ? null : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... keys) {
    Object value = at(node, keys);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object node, String... keys) {
    Object value = at(node, keys);
    if (!(value instanceof List<?> items)) {
      return List.of();
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> map) {
        maps.add((Map<String, Object>) map);
      }
    }
    return maps;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object node, String... keys) {
    Object value = at(node, keys);
    if (!(value instanceof List<?> items)) {
      return List.of();
    }
    return items.stream().map(String::valueOf).toList();
  }

  static Integer integer(Object node, String... keys) {
    Object value = at(node, keys);
    if (value == null) {
      return null;
    }
    return value instanceof Number number ? number.intValue() : Integer.valueOf(String.valueOf(value).trim());
  }
}
