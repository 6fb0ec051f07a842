package io.winback.processor.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the template files from the classpath by name: every entry point, then whatever they
 * include. Reading by name rather than listing the folder works the same from a directory, a
 * plain jar or Spring Boot's nested jar.
 */
final class ClasspathTemplates {

  private ClasspathTemplates() {}

  /**
   * Name below the folder (e.g. "email/win_back.de.mustache") to its UTF-8 text. Files that do
   * not exist are left out: a render names the missing one, and the loader names a missing
   * partial together with the template that includes it.
   */
  static Map<String, String> read(ClassLoader loader, String folder) {
    Map<String, String> files = new TreeMap<>();
    Deque<String> pending = new ArrayDeque<>(TemplateNames.entryPoints());
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (files.containsKey(name)) {
        continue;
      }
      String text = readOrNull(loader, folder + "/" + name);
      if (text != null) {
        files.put(name, text);
        pending.addAll(TemplateNames.includedBy(text));
      }
    }
    return files;
  }

  private static String readOrNull(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read classpath:/" + resource, e);
    }
  }
}
