package io.winback.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Kafka Streams properties the churn processor is configured with
 * ({@code spring.kafka.streams.properties.*} of the application.yml in its jar), so the baseline
 * runs with the same guarantee, commit interval, producer and consumer settings as the processor.
 */
final class ProcessorStreamsConfig {

  static final String PREFIX = "spring.kafka.streams.properties.";
  private static final String APPLICATION_YML = "BOOT-INF/classes/application.yml";

  private ProcessorStreamsConfig() {}

  /** The properties from the jar's application.yml; empty if it has none or cannot be read. */
  static Map<String, String> of(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(APPLICATION_YML);
      if (entry == null) {
        return Map.of();
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** The {@code spring.kafka.streams.properties.*} entries of a Spring YAML file, without the prefix. */
  static Map<String, String> fromYaml(String yaml) {
    Map<String, String> properties = new LinkedHashMap<>();
    flatten(yaml).forEach((key, value) -> {
      if (key.startsWith(PREFIX) && !value.contains("${")) {
        properties.put(key.substring(PREFIX.length()), value);
      }
    });
    return properties;
  }

  /**
   * The scalar entries of a block-style YAML file as dotted keys. Enough for Spring configuration
   * files: maps and scalars, comments; lists and multi-line values are skipped.
   */
  static Map<String, String> flatten(String yaml) {
    Map<String, String> flat = new LinkedHashMap<>();
    Deque<int[]> indents = new ArrayDeque<>();
    Deque<String> keys = new ArrayDeque<>();
    for (String raw : yaml.split("\\R")) {
      String line = stripComment(raw);
      if (line.isBlank() || line.trim().startsWith("-") || line.startsWith("---")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        keys.pop();
      }
      String key = unquote(line.substring(indent, colon).trim());
      String value = unquote(line.substring(colon + 1).trim());
      String path = keys.isEmpty() ? key : String.join(".", reversed(keys)) + "." + key;
      if (value.isEmpty()) {
        indents.push(new int[] {indent});
        keys.push(key);
      } else {
        flat.put(path, value);
      }
    }
    return flat;
  }

  private static Iterable<String> reversed(Deque<String> keys) {
    return keys::descendingIterator;
  }

  /** Drops a {@code #} comment that is not inside quotes. */
  private static String stripComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String text) {
    if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
        || text.startsWith("'") && text.endsWith("'"))) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }
}
