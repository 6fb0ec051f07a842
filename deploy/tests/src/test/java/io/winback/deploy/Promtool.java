package io.winback.deploy;

import io.winback.local.Commands;
import io.winback.local.DebianPackages;
import io.winback.local.LocalRuntimeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus's {@code promtool}, from Debian's {@code prometheus} package, installed by the test
 * itself so that {@code ./mvnw verify} checks the alert rules on a fresh machine, the way
 * test-support installs Chromium for the browser tests.
 *
 * <p>Where from, in order: the system property {@value #PROPERTY}; {@code /usr/bin/promtool}; an
 * earlier unpacked copy in {@code ~/.cache/winback/promtool}; Debian's {@code prometheus} installed
 * with apt-get (as root, or through a password-less sudo), never by two JVMs at once; without root
 * rights, the package downloaded and unpacked into {@code ~/.cache/winback/promtool} (promtool is a
 * static Go binary: it needs no library of the package's). If all of that fails the test fails,
 * saying what to install: it is never skipped.
 */
final class Promtool {

  static final String PROPERTY = "winback.promtool";
  private static final Path SYSTEM = Path.of("/usr/bin/promtool");
  private static final String PACKAGE = "prometheus";
  private static final String COMPLETE_MARKER = ".complete";
  private static volatile Path located;

  private Promtool() {}

  /** Runs promtool with these arguments in {@code directory}; its exit code and output. */
  static Commands.Result run(Path directory, String... arguments) {
    List<String> command = new ArrayList<>(List.of(binary().toString()));
    command.addAll(List.of(arguments));
    return Commands.run(command, directory, java.util.Map.of(), null, Duration.ofMinutes(2), null);
  }

  static synchronized Path binary() {
    if (located == null) {
      located = locateOrInstall();
      System.err.println("winback: the alert rule tests use " + located);
    }
    return located;
  }

  private static Path locateOrInstall() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    if (Files.isExecutable(SYSTEM)) {
      return SYSTEM;
    }
    Path cache = userCache();
    Path unpacked = cache.resolve("root/usr/bin/promtool");
    if (Files.isRegularFile(cache.resolve(COMPLETE_MARKER)) && Files.isExecutable(unpacked)) {
      return unpacked;
    }
    List<String> failures = new ArrayList<>();
    if (DebianPackages.canInstall()) {
      try {
        DebianPackages.install("the alert rule tests run promtool", () -> Files.isExecutable(SYSTEM), PACKAGE);
        return SYSTEM;
      } catch (LocalRuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    try {
      return unpackWithoutRoot(cache);
    } catch (LocalRuntimeException e) {
      failures.add(e.getMessage());
    }
    throw new IllegalStateException("the alert rule tests need promtool from Debian's prometheus package, and this"
        + " test could not install it. As root run:\n  apt-get update && apt-get install -y prometheus\nor point -D"
        + PROPERTY + " at a promtool. What was tried:\n  " + String.join("\n  ", failures));
  }

  /** Under a file lock: two test JVMs of one user must not unpack into the same place at once. */
  private static Path unpackWithoutRoot(Path cache) {
    try {
      Files.createDirectories(cache);
      try (FileChannel channel = FileChannel.open(cache.resolveSibling("promtool.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
           FileLock ignored = channel.lock()) {
        Path binary = cache.resolve("root/usr/bin/promtool");
        if (!Files.isRegularFile(cache.resolve(COMPLETE_MARKER))) {
          DebianPackages.extractWithoutRoot(cache, PACKAGE);
          if (!Files.isExecutable(binary)) {
            throw new LocalRuntimeException("the unpacked " + PACKAGE + " package has no " + binary);
          }
          Files.writeString(cache.resolve(COMPLETE_MARKER), "unpacked from " + PACKAGE + "\n");
        }
        return binary;
      }
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot unpack promtool into " + cache + ": " + e.getMessage(), e);
    }
  }

  private static Path userCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("winback").resolve("promtool");
  }
}
