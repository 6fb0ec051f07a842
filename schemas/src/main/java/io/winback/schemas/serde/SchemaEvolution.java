package io.winback.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The evolution rule for released schemas: every version must be both backward compatible (it
 * reads data written with any earlier version) and forward compatible (every earlier version
 * reads data written with it), so producers and consumers of Winback's topics upgrade in any order.
 */
public final class SchemaEvolution {

  private SchemaEvolution() {}

  /** The violations among {@code versions} (oldest first); empty when the history is sound. */
  public static List<String> violations(String name, List<Schema> versions) {
    List<String> violations = new ArrayList<>();
    for (int newer = 1; newer < versions.size(); newer++) {
      for (int older = 0; older < newer; older++) {
        Schema newSchema = versions.get(newer);
        Schema oldSchema = versions.get(older);
        check(violations, "%s v%d cannot read data written with v%d (not backward compatible)"
                .formatted(name, newer + 1, older + 1), newSchema,
            SchemaCompatibility.checkReaderWriterCompatibility(newSchema, oldSchema));
        check(violations, "%s v%d cannot read data written with v%d (not forward compatible)"
                .formatted(name, older + 1, newer + 1), oldSchema,
            SchemaCompatibility.checkReaderWriterCompatibility(oldSchema, newSchema));
      }
    }
    return violations;
  }

  private static void check(
      List<String> violations, String what, Schema reader, SchemaPairCompatibility result) {
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result.getResult().getIncompatibilities().forEach(incompatibility -> violations.add(
          what + ": " + incompatibility.getType() + " at field "
              + fieldPath(reader, incompatibility.getLocation())
              + " (" + incompatibility.getMessage() + ")"));
    }
  }

  /** Turns Avro's JSON pointer ({@code /fields/3/type}) into field names ({@code contractId}). */
  static String fieldPath(Schema schema, String pointer) {
    StringBuilder path = new StringBuilder();
    Schema current = schema;
    String[] parts = pointer.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (current == null) {
        break;
      }
      if (parts[i].equals("fields") && i + 1 < parts.length && current.getType() == Schema.Type.RECORD) {
        int index = Integer.parseInt(parts[++i]);
        if (index >= current.getFields().size()) {
          break;
        }
        Schema.Field field = current.getFields().get(index);
        path.append(path.length() == 0 ? "" : ".").append(field.name());
        current = field.schema();
      } else if (parts[i].equals("type") || parts[i].isEmpty()) {
        continue;
      } else if (current.getType() == Schema.Type.UNION && parts[i].matches("\\d+")) {
        current = current.getTypes().get(Integer.parseInt(parts[i]));
      } else if (parts[i].equals("items") && current.getType() == Schema.Type.ARRAY) {
        current = current.getElementType();
      }
    }
    return path.length() == 0 ? pointer : path.toString();
  }
}
