package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer's personal data in a subject access report, by the names Winback's schemas give
 * personal fields (a name, an email address, a phone number, a postal address, what they said,
 * where they meet, why they cancelled in their words), whichever part holds them. After an
 * erasure, a report that still holds one of the values taken before it, or any non-blank value
 * under such a name other than a marker such as "(erased)", still holds personal data.
 */
public final class PersonalValues {

  /** Fields that hold personal data wherever they appear in a report. */
  static final Set<String> FIELDS = Set.of("firstName", "lastName", "email", "phone", "street", "postalCode",
      "city", "feedbackText", "meetingPlace", "reasonText", "recipient");
  /** Fields that hold personal data inside a contact (a task's): the full name. */
  static final Set<String> CONTACT_FIELDS = Set.of("name");
  /** Shorter values are matched whole only: "10115" must not be found inside an unrelated id. */
  private static final int SUBSTRING_MIN = 8;
  private static final int MIN_LENGTH = 3;

  private final Set<String> values;

  private PersonalValues(Set<String> values) {
    this.values = values;
  }

  /** The personal values in a report (or any part of one). */
  public static PersonalValues in(JsonNode report) {
    Set<String> found = new LinkedHashSet<>();
    walk(report, null, null, (field, value) -> {
      String stripped = value.strip();
      if (stripped.length() >= MIN_LENGTH) {
        found.add(stripped);
      }
    });
    return new PersonalValues(found);
  }

  public static PersonalValues none() {
    return new PersonalValues(Set.of());
  }

  /** These values and those. */
  public PersonalValues and(PersonalValues other) {
    Set<String> all = new LinkedHashSet<>(values);
    all.addAll(other.values);
    return new PersonalValues(all);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  /**
   * Where a report still holds personal data: the JSON paths of non-blank personal fields, and of
   * any text that is or contains one of these values. Empty: none.
   */
  public List<String> foundIn(JsonNode report) {
    List<String> paths = new ArrayList<>();
    walk(report, null, "", (path, value) -> {
      if (!value.isBlank() && !marker(value)) {
        paths.add(path);
      }
    });
    textLeaves(report, "", (path, text) -> {
      if (!paths.contains(path) && values.stream().anyMatch(value -> matches(text, value))) {
        paths.add(path);
      }
    });
    return paths;
  }

  /** What a service puts where a value was: "(erased)", "(sealed)". No name or address looks like it. */
  private static boolean marker(String value) {
    String stripped = value.strip();
    return stripped.startsWith("(") && stripped.endsWith(")") && stripped.indexOf(')') == stripped.length() - 1;
  }

  private static boolean matches(String text, String value) {
    return value.length() >= SUBSTRING_MIN ? text.contains(value) : text.strip().equals(value);
  }

  private interface Leaf {
    void accept(String pathOrField, String value);
  }

  /** Every text under a personal field name (any depth below it), with its path or field name. */
  private static void walk(JsonNode node, String parentField, String path, Leaf leaf) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String childPath = path == null ? null : path + "/" + field.getKey();
        boolean personal = FIELDS.contains(field.getKey())
            || ("contact".equals(parentField) && CONTACT_FIELDS.contains(field.getKey()));
        if (personal) {
          textLeaves(field.getValue(), childPath == null ? field.getKey() : childPath, leaf);
        } else {
          walk(field.getValue(), field.getKey(), childPath, leaf);
        }
      }
    } else if (node.isArray()) {
      int index = 0;
      for (JsonNode element : node) {
        walk(element, parentField, path == null ? null : path + "/" + index, leaf);
        index++;
      }
    }
  }

  private static void textLeaves(JsonNode node, String path, Leaf leaf) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      leaf.accept(path, node.asText());
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field -> textLeaves(field.getValue(), path + "/" + field.getKey(), leaf));
    } else if (node.isArray()) {
      int index = 0;
      for (JsonNode element : node) {
        textLeaves(element, path + "/" + index++, leaf);
      }
    }
  }
}
