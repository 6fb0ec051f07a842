package io.winback.testsupport.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Personal data never appears in a log at INFO or above: every test class of the project (this
 * extension is registered for JUnit's automatic detection, which the root pom switches on) is
 * watched while it runs. Caught are the test JVM's own log events (Logback, where the module has
 * it) and the lines the services it started in JVMs of their own wrote to their logs
 * ({@link #watch}); DEBUG and TRACE may carry more. A class that logged a customer's name, email
 * address, phone number or street ({@link PersonalData}) fails, naming the lines.
 */
public final class NoPersonalDataInLogs implements BeforeAllCallback, AfterAllCallback {

  private static final int REPORTED = 10;
  /** The level in a Spring Boot log line: INFO, WARN, ERROR (not DEBUG or TRACE). */
  private static final Pattern INFO_OR_ABOVE = Pattern.compile("\\s(INFO|WARN|ERROR)\\s");
  private static final Map<Path, Long> SERVICE_LOGS = new ConcurrentHashMap<>();

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      NoPersonalDataInLogs.class);

  /** A log file a service of this test writes (called by ServiceJar); scanned from its current end. */
  public static void watch(Path log) {
    try {
      SERVICE_LOGS.putIfAbsent(log.toAbsolutePath(), Files.exists(log) ? Files.size(log) : 0L);
    } catch (IOException e) {
      SERVICE_LOGS.putIfAbsent(log.toAbsolutePath(), 0L);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (exempt(context)) {
      return;
    }
    Object listener = LogbackListener.attachIfPresent();
    context.getStore(NAMESPACE).put("listener", listener == null ? "none" : listener);
    SERVICE_LOGS.replaceAll((log, offset) -> size(log));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (exempt(context)) {
      SERVICE_LOGS.replaceAll((log, offset) -> size(log));
      return;
    }
    List<String> offending = new ArrayList<>();
    Object listener = context.getStore(NAMESPACE).remove("listener");
    if (listener instanceof LogbackListener logback) {
      for (String line : logback.detach()) {
        check("test JVM", line, offending);
      }
    }
    for (Map.Entry<Path, Long> log : SERVICE_LOGS.entrySet()) {
      for (String line : linesFrom(log.getKey(), log.getValue())) {
        if (INFO_OR_ABOVE.matcher(line).find()) {
          check(log.getKey().getFileName().toString(), line, offending);
        }
      }
      log.setValue(size(log.getKey()));
    }
    if (!offending.isEmpty()) {
      throw new AssertionError(offending.size() + " log line(s) at INFO or above carry a customer's personal data "
          + "in " + context.getDisplayName() + ":\n  " + String.join("\n  ",
              offending.subList(0, Math.min(REPORTED, offending.size()))));
    }
  }

  private static boolean exempt(ExtensionContext context) {
    return context.getTestClass().map(type -> type.isAnnotationPresent(LogsPersonalDataOnPurpose.class))
        .orElse(false);
  }

  private static void check(String source, String line, List<String> offending) {
    List<String> found = PersonalData.in(line);
    if (!found.isEmpty()) {
      offending.add(source + ": " + String.join(", ", found) + " in: "
          + (line.length() > 160 ? line.substring(0, 160) + "..." : line).replaceAll("[\\w.+-]+@[\\w.-]+", "<...>"));
    }
  }

  private static long size(Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0L;
    } catch (IOException e) {
      return 0L;
    }
  }

  private static List<String> linesFrom(Path log, long offset) {
    if (!Files.exists(log)) {
      return List.of();
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      if (length <= offset) {
        return List.of();
      }
      file.seek(offset);
      byte[] bytes = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
