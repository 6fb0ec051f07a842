package io.winback.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.schemas.serde.TrustedPackages;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON form of Winback's events, for people and scripts: the schema's field names,
 * timestamps as ISO-8601 instants, dates as YYYY-MM-DD, enums as their symbol, decimals as
 * strings or numbers, optional fields left out or null. Stricter than Avro's own JSON encoding
 * (no union wrappers, unknown fields rejected), and every error names the field.
 */
public final class JsonRecords {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final GenericData WITH_CONVERSIONS = new GenericData();

  static {
    WITH_CONVERSIONS.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
    WITH_CONVERSIONS.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
    WITH_CONVERSIONS.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
  }

  private JsonRecords() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses one JSON document into the generated class whose schema is {@code schema}. */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> T fromJson(JsonNode json, Schema schema) {
    TrustedPackages.install();
    if (json == null || !json.isObject()) {
      throw new InvalidJsonRecordException("", "expected a JSON object for " + schema.getName());
    }
    Object generic = convert(json, schema, "");
    SpecificData model = SpecificData.getForSchema(schema);
    return (T) model.deepCopy(schema, generic);
  }

  /** Renders a record (generated or generic) in the same JSON form {@link #fromJson} takes. */
  public static ObjectNode toJson(IndexedRecord record) {
    return (ObjectNode) render(record, record.getSchema());
  }

  // ---- JSON to Avro ------------------------------------------------------------------------

  private static Object convert(JsonNode node, Schema schema, String path) {
    if (node.isNull() && schema.getType() != Schema.Type.UNION && schema.getType() != Schema.Type.NULL) {
      throw new InvalidJsonRecordException(path, "must not be null");
    }
    return switch (schema.getType()) {
      case RECORD -> record(node, schema, path);
      case UNION -> union(node, schema, path);
      case NULL -> {
        if (!node.isNull()) {
          throw new InvalidJsonRecordException(path, "expected null");
        }
        yield null;
      }
      case STRING -> text(node, path, "a string");
      case ENUM -> enumSymbol(node, schema, path);
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw new InvalidJsonRecordException(path, "expected true or false, got " + describe(node));
        }
        yield node.booleanValue();
      }
      case INT -> schema.getLogicalType() instanceof LogicalTypes.Date ? date(node, path) : intValue(node, path);
      case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
          || schema.getLogicalType() instanceof LogicalTypes.TimestampMicros
          ? timestamp(node, path) : longValue(node, path);
      case FLOAT, DOUBLE -> {
        if (!node.isNumber()) {
          throw new InvalidJsonRecordException(path, "expected a number, got " + describe(node));
        }
        yield schema.getType() == Schema.Type.FLOAT ? (Object) node.floatValue() : node.doubleValue();
      }
      case BYTES, FIXED -> schema.getLogicalType() instanceof LogicalTypes.Decimal decimal
          ? decimal(node, decimal, path)
          : ByteBuffer.wrap(base64(node, path));
      case ARRAY -> array(node, schema, path);
      case MAP -> map(node, schema, path);
    };
  }

  private static GenericRecord record(JsonNode node, Schema schema, String path) {
    if (!node.isObject()) {
      throw new InvalidJsonRecordException(path, "expected an object, got " + describe(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new InvalidJsonRecordException(join(path, name), "unknown field (not in schema "
            + schema.getName() + ")");
      }
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = join(path, field.name());
      JsonNode value = node.get(field.name());
      if (value == null) {
        if (!field.hasDefaultValue()) {
          throw new InvalidJsonRecordException(fieldPath, "missing (required)");
        }
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else {
        record.put(field.pos(), convert(value, field.schema(), fieldPath));
      }
    }
    return record;
  }

  private static Object union(JsonNode node, Schema schema, String path) {
    List<Schema> branches = schema.getTypes();
    if (node.isNull()) {
      if (branches.stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL)) {
        return null;
      }
      throw new InvalidJsonRecordException(path, "must not be null");
    }
    List<Schema> candidates = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    InvalidJsonRecordException first = null;
    for (Schema branch : candidates) {
      try {
        return convert(node, branch, path);
      } catch (InvalidJsonRecordException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  private static String text(JsonNode node, String path, String expected) {
    if (!node.isTextual()) {
      throw new InvalidJsonRecordException(path, "expected " + expected + ", got " + describe(node));
    }
    return node.textValue();
  }

  private static GenericData.EnumSymbol enumSymbol(JsonNode node, Schema schema, String path) {
    String symbol = text(node, path, "one of " + schema.getEnumSymbols());
    if (!schema.hasEnumSymbol(symbol)) {
      throw new InvalidJsonRecordException(path,
          "'" + symbol + "' is not one of " + schema.getEnumSymbols());
    }
    return new GenericData.EnumSymbol(schema, symbol);
  }

  private static int intValue(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new InvalidJsonRecordException(path, "expected a whole number, got " + describe(node));
    }
    return node.intValue();
  }

  private static long longValue(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new InvalidJsonRecordException(path, "expected a whole number, got " + describe(node));
    }
    return node.longValue();
  }

  private static LocalDate date(JsonNode node, String path) {
    String text = text(node, path, "a date YYYY-MM-DD");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidJsonRecordException(path, "'" + text + "' is not a date YYYY-MM-DD");
    }
  }

  private static Instant timestamp(JsonNode node, String path) {
    String text = text(node, path, "an ISO-8601 timestamp such as 2026-11-27T09:30:00Z");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidJsonRecordException(path, "'" + text
            + "' is not an ISO-8601 timestamp with a zone, such as 2026-11-27T09:30:00Z");
      }
    }
  }

  private static BigDecimal decimal(JsonNode node, LogicalTypes.Decimal type, String path) {
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException e) {
        throw new InvalidJsonRecordException(path, "'" + node.textValue() + "' is not a decimal number");
      }
    } else {
      throw new InvalidJsonRecordException(path, "expected a decimal (number or string), got " + describe(node));
    }
    try {
      value = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidJsonRecordException(path, "at most " + type.getScale() + " decimal places");
    }
    if (value.precision() > type.getPrecision()) {
      throw new InvalidJsonRecordException(path, "at most " + type.getPrecision() + " digits");
    }
    return value;
  }

  private static byte[] base64(JsonNode node, String path) {
    String text = text(node, path, "base64 bytes");
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonRecordException(path, "not valid base64");
    }
  }

  private static List<Object> array(JsonNode node, Schema schema, String path) {
    if (!node.isArray()) {
      throw new InvalidJsonRecordException(path, "expected an array, got " + describe(node));
    }
    List<Object> items = new GenericData.Array<>(node.size(), schema);
    for (int i = 0; i < node.size(); i++) {
      items.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]"));
    }
    return items;
  }

  private static Map<String, Object> map(JsonNode node, Schema schema, String path) {
    if (!node.isObject()) {
      throw new InvalidJsonRecordException(path, "expected an object, got " + describe(node));
    }
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    node.fields().forEachRemaining(entry -> values.put(entry.getKey(),
        convert(entry.getValue(), schema.getValueType(), join(path, entry.getKey()))));
    return values;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  // ---- Avro to JSON ------------------------------------------------------------------------

  private static JsonNode render(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (schema.getType() == Schema.Type.UNION) {
      return render(value, branchOf(schema, value));
    }
    LogicalType logical = schema.getLogicalType();
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (value instanceof LocalDate date) {
      return NODES.textNode(date.toString());
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.textNode(decimal.toPlainString());
    }
    if (logical instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
      return NODES.textNode(Instant.ofEpochMilli(millis).toString());
    }
    if (logical instanceof LogicalTypes.Date && value instanceof Integer days) {
      return NODES.textNode(LocalDate.ofEpochDay(days).toString());
    }
    if (logical instanceof LogicalTypes.Decimal decimal && value instanceof ByteBuffer bytes) {
      return NODES.textNode(new org.apache.avro.Conversions.DecimalConversion()
          .fromBytes(bytes.duplicate(), schema, decimal).toPlainString());
    }
    return switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), render(record.get(field.pos()), field.schema()));
        }
        yield object;
      }
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) value) {
          array.add(render(item, schema.getElementType()));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), render(v, schema.getValueType())));
        yield object;
      }
      case STRING, ENUM -> NODES.textNode(value.toString());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BYTES, FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(value)));
      case NULL -> NODES.nullNode();
      case UNION -> throw new IllegalStateException("unions are resolved above");
    };
  }

  private static Schema branchOf(Schema union, Object value) {
    List<Schema> nonNull = union.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    return nonNull.size() == 1 ? nonNull.get(0) : union.getTypes().get(WITH_CONVERSIONS.resolveUnion(union, value));
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    return ((GenericData.Fixed) value).bytes();
  }

}
