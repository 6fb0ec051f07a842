package io.winback.testsupport;

import io.winback.testsupport.logs.NoPersonalDataInLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of Winback's services as it runs in production: its Spring Boot fat jar in a JVM of its own,
 * on a free port, its output in a log file that failures quote. Tests kill it with SIGKILL, stop it
 * with SIGTERM, and start it again, as an orchestrator would.
 *
 * <pre>{@code
 * ServiceJar desk = ServiceJar.of(Path.of("target/outreach-desk.jar"), "desk-a")
 *     .env("SPRING_DATASOURCE_URL", db.jdbcUrl())
 *     .arg("--spring.kafka.bootstrap-servers=" + bootstrap)
 *     .start();
 * desk.awaitReady(Duration.ofMinutes(2));
 * desk.kill();
 * }</pre>
 */
public final class ServiceJar implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path jar;
  private final String name;
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC"));
  private int port;
  private Path log;
  private volatile Process process;

  private ServiceJar(Path jar, String name) {
    this.jar = jar.toAbsolutePath().normalize();
    this.name = name;
  }

  /** A service from its jar; {@code name} names its log file. Nothing runs until {@link #start()}. */
  public static ServiceJar of(Path jar, String name) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build it first (`./mvnw verify` from the "
          + "project root does, in reactor order)");
    }
    return new ServiceJar(jar, name);
  }

  /** A Spring Boot argument, e.g. {@code --winback.desk.send-interval=500ms}. */
  public ServiceJar arg(String arg) {
    args.add(arg);
    return this;
  }

  public ServiceJar env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public ServiceJar jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Starts it on a free port (the same one again after a kill or stop); returns at once. */
  public synchronized ServiceJar start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    if (port == 0) {
      port = freePort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.main.banner-mode=off"));
    command.addAll(args);
    try {
      Path dir = Files.isDirectory(Path.of("target")) ? Path.of("target", "service-logs")
          : Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(dir);
      log = dir.resolve(name + ".log").toAbsolutePath();
      Files.writeString(log, "==== " + Instant.now() + " starting on port " + port + ": " + command + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      NoPersonalDataInLogs.watch(log);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + " from " + jar, e);
    }
  }

  /** Waits until /actuator/health/readiness answers 200; fails at once, quoting the log, if it dies. */
  public ServiceJar awaitReady(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      Process running = process;
      if (running == null || !running.isAlive()) {
        throw new AssertionError(name + " exited" + (running == null ? "" : " with " + running.exitValue())
            + " before it was ready; the end of its log:\n" + logTail(60));
      }
      if (status("/actuator/health/readiness") == 200) {
        return this;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " was not ready within " + atMost + "; the end of its log:\n" + logTail(60));
      }
      sleep(250);
    }
  }

  /**
   * Waits for it to end by itself (a service that refuses to start) and returns its exit code;
   * fails, quoting the log, if it still runs after {@code atMost}.
   */
  public int awaitExit(Duration atMost) {
    Process running = process;
    if (running == null) {
      throw new IllegalStateException(name + " was never started");
    }
    if (!waitFor(running, atMost)) {
      throw new AssertionError(name + " still runs after " + atMost + "; the end of its log:\n" + logTail(60));
    }
    return running.exitValue();
  }

  /** SIGKILL: no shutdown hook runs, connections break, as when a node dies. */
  public void kill() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      waitFor(running, Duration.ofSeconds(30));
    }
  }

  /** SIGTERM, up to 30 s to finish, then SIGKILL. Safe to call twice. */
  @Override
  public void close() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroy();
      if (!waitFor(running, Duration.ofSeconds(30))) {
        kill();
      }
    }
  }

  public boolean isAlive() {
    Process running = process;
    return running != null && running.isAlive();
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public Path log() {
    return log;
  }

  /** The last {@code lines} lines of its output, for assertion messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** The status of a GET, or -1 while nothing answers. */
  public int status(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A TCP port nobody listens on right now, nor on the next one (a broker's controller takes port + 1). */
  public static int freePortAndNext() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freePort();
      if (port < 65535 && free(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two free ports in a row");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** A TCP port nobody listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
