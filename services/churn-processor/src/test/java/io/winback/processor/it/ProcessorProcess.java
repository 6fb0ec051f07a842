package io.winback.processor.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The churn processor as it is deployed: the Spring Boot fat jar in a JVM of its own, so that it
 * can be killed for real (SIGKILL: no shutdown hook, no flush, no commit, no closed transaction).
 * Its output is appended to a log file, which failures quote.
 */
final class ProcessorProcess implements AutoCloseable {

  /** Built by `package`, which runs before failsafe's integration tests in `verify`. */
  static final Path JAR = Path.of("target", "churn-processor.jar");

  private static final String MANAGEMENT_PORT = "--management.server.port=";

  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path log;

  private ProcessorProcess(Process process, int port, int managementPort, Path log) {
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
  }

  /**
   * Starts the jar. {@code login} says how it lets callers in; {@code extraArgs} are further Spring
   * Boot arguments (with {@code --management.server.port=N} the actuator, readiness included, is on
   * port N, as in Kubernetes); the state directory is what makes a restart the same instance to
   * Kafka Streams (its stores and its process id).
   */
  static ProcessorProcess start(String bootstrapServers, String applicationId, Path stateDir, Path log,
      TestLogin login, String... extraArgs) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with `mvn verify`, "
          + "which packages the Spring Boot jar first");
    }
    int port = FreePorts.next();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m",
        "-jar", JAR.toAbsolutePath().toString(),
        "--server.port=" + port,
        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
        "--spring.kafka.streams.application-id=" + applicationId,
        "--spring.kafka.streams.state-dir=" + stateDir,
        "--winback.processor.advertised-host=localhost",
        "--spring.main.banner-mode=off"));
    command.addAll(login.args());
    command.addAll(List.of(extraArgs));
    int managementPort = List.of(extraArgs).stream().filter(arg -> arg.startsWith(MANAGEMENT_PORT))
        .map(arg -> Integer.parseInt(arg.substring(MANAGEMENT_PORT.length()))).findFirst().orElse(port);
    try {
      Files.writeString(log, "==== " + Instant.now() + " starting on port " + port + ": " + command + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      return new ProcessorProcess(process, port, managementPort, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  int port() {
    return port;
  }

  /** A GET on the application port with {@code authorization} (null: none). */
  HttpResponse<String> get(String path, String authorization) {
    return Http.get(port, path, authorization);
  }

  /** A GET on the management port (the application port without one) with {@code authorization}. */
  HttpResponse<String> getManagement(String path, String authorization) {
    return Http.get(managementPort, path, authorization);
  }

  /** Where the actuator answers: the management port if one was given, else {@link #port()}. */
  int managementPort() {
    return managementPort;
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the readiness probe; fails at once, quoting the log, if the process dies first. */
  void awaitReady(Duration atMost) {
    await("processor on port " + port + " ready").atMost(atMost).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("the processor exited with " + process.exitValue() + " before it was ready; "
                + "the end of its log:\n" + logTail(60));
          }
          return Http.ready(managementPort);
        });
  }

  /** SIGSTOP: the process stays, its connections stay open, and it answers nothing until resumed. */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #freeze()}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** SIGKILL (Process#destroyForcibly on Linux), and the exit code the JVM reports for it. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the processor did not die within 30 s of SIGKILL");
    }
    return process.exitValue();
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops it cleanly (SIGTERM) if it still runs, so it cannot process the next test's records. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
