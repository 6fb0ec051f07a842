package io.winback.cli.up;

import io.winback.local.ChildProcesses;
import io.winback.cli.CommandFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One service running as a child JVM, its output in {@code <logs>/<name>.log}. */
public final class ServiceProcess {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ServiceDescriptor service;
  private final Process process;
  private final Path log;

  private ServiceProcess(ServiceDescriptor service, Process process, Path log) {
    this.service = service;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the service's jar against the broker, with {@code environment} added to what this JVM
   * has (the database settings and Spring profile {@code winback up} chose).
   */
  public static ServiceProcess start(ServiceDescriptor service, String bootstrapServers, Path logs,
      Map<String, String> environment) {
    if (!Files.isRegularFile(service.jar())) {
      throw new CommandFailure("service " + service.name() + " is not built (" + service.jar()
          + " missing): run ./mvnw -DskipTests package");
    }
    // Ctrl-C reaches only the CLI, which stops services in order.
    List<String> command = ChildProcesses.inOwnSession(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", service.jar().toString(),
        "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=" + service.port()));
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(service.name() + ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
      // Services keep local state (Kafka Streams stores) next to the broker's data.
      builder.environment().put("WINBACK_DATA_DIR", logs.getParent().toAbsolutePath().toString());
      builder.environment().putAll(environment);
      return new ServiceProcess(service, builder.start(), log);
    } catch (IOException e) {
      throw new CommandFailure("could not start " + service.name() + ": " + e.getMessage());
    }
  }

  /** Waits until the service's readiness endpoint answers 200; fails if it exits first or the time runs out. */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new CommandFailure(service.name() + " exited with code " + process.exitValue()
            + "; see " + log);
      }
      if (isReady()) {
        return;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new CommandFailure("interrupted while waiting for " + service.name());
      }
      sleep(500);
    }
    throw new CommandFailure(service.name() + " was not ready within " + timeout.toSeconds() + " s; see " + log);
  }

  /** One probe of the readiness endpoint: true if it answered 200. */
  public boolean isReady() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + service.readinessPath()))
        .timeout(Duration.ofSeconds(2)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false; // not listening (yet, or any more)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Blocks until the process has ended; its exit code (128 + the signal for a killed process). */
  public int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  public long pid() {
    return process.pid();
  }

  public void stop(Duration timeout) {
    ChildProcesses.stop(process, timeout);
  }

  public ServiceDescriptor service() {
    return service;
  }

  public Path log() {
    return log;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
