package io.winback.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.schemas.json.JsonRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/** Reads the JSON and schema fixtures under src/test/resources. */
public final class Fixtures {

  private Fixtures() {}

  public static String text(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String name) {
    try {
      return JsonRecords.mapper().readTree(text("json/" + name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Schema schema(String resource) {
    return new Schema.Parser().parse(text(resource));
  }
}
