package io.winback.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every Winback schema, read from the {@code released/} resources that
 * ship in this jar ({@code <Name>.v<N>.avsc}, numbered from 1 without gaps). A reader resolves any
 * of them against its own current schema, so producers and consumers can upgrade independently.
 */
public final class SchemaHistory {

  static final String RESOURCE_DIR = "/io/winback/schemas/released/";

  private static final Map<String, List<Schema>> CACHE = new ConcurrentHashMap<>();

  private SchemaHistory() {}

  /** The released versions of the record with this simple name, oldest first. */
  public static List<Schema> versions(String recordName) {
    return CACHE.computeIfAbsent(recordName, SchemaHistory::load);
  }

  /** A schema store that knows every released version of the record with this simple name. */
  public static SchemaStore storeFor(String recordName) {
    SchemaStore.Cache store = new SchemaStore.Cache();
    versions(recordName).forEach(store::addSchema);
    return store;
  }

  private static List<Schema> load(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String text = read(RESOURCE_DIR + recordName + ".v" + version + ".avsc");
      if (text == null) {
        break;
      }
      versions.add(new Schema.Parser().parse(text));
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("no released version of schema " + recordName
          + " under " + RESOURCE_DIR + ": release it as " + recordName + ".v1.avsc");
    }
    return List.copyOf(versions);
  }

  private static String read(String resource) {
    try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
