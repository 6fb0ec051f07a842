package io.winback.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.testcontainers.DockerClientFactory;

/**
 * Decides whether a Docker engine is usable, quickly and quietly.
 *
 * <p>Asking Testcontainers directly on a machine without an engine logs an ERROR with every
 * strategy it tried, so first look for any trace of an engine (a socket, DOCKER_HOST,
 * Testcontainers configuration) and only then ask it, with a bound on the wait in case a socket
 * exists but nothing answers.
 */
final class DockerDetection {

  record Result(boolean available, String reason) {
  }

  private static final long PROBE_TIMEOUT_SECONDS = 15;

  private DockerDetection() {
  }

  static Result detect() {
    List<String> hints = engineHints();
    if (hints.isEmpty()) {
      return new Result(false, "no Docker socket, DOCKER_HOST or ~/.testcontainers.properties found");
    }
    long started = System.nanoTime();
    boolean available = askTestcontainers();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String verdict = available ? "a Docker engine answered" : "no Docker engine answered";
    return new Result(available, verdict + " at " + String.join(", ", hints) + " (checked in " + millis + " ms)");
  }

  /** The places Testcontainers' own strategies look at, checked without connecting. */
  private static List<String> engineHints() {
    List<String> hints = new ArrayList<>();
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      hints.add("Windows named pipe"); // cannot be checked cheaply; let Testcontainers decide
    }
    if (notBlank(System.getenv("DOCKER_HOST"))) {
      hints.add("DOCKER_HOST");
    }
    Path home = Path.of(System.getProperty("user.home", "/"));
    List<Path> candidates = new ArrayList<>(List.of(
        Path.of("/var/run/docker.sock"),
        home.resolve(".testcontainers.properties"),
        home.resolve(".docker/run/docker.sock"),
        home.resolve(".docker/desktop/docker.sock")));
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    if (notBlank(runtimeDir)) {
      candidates.add(Path.of(runtimeDir, "docker.sock"));
    }
    for (Path candidate : candidates) {
      if (Files.exists(candidate)) {
        hints.add(candidate.toString());
      }
    }
    return hints;
  }

  private static boolean askTestcontainers() {
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "docker-detection");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<Boolean> probe = executor.submit(() -> DockerClientFactory.instance().isDockerAvailable());
      return probe.get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (TimeoutException | RuntimeException | java.util.concurrent.ExecutionException | LinkageError e) {
      return false;
    } finally {
      executor.shutdownNow();
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
