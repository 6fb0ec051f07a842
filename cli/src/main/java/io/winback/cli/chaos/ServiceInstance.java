package io.winback.cli.chaos;

import io.winback.cli.CommandFailure;
import io.winback.local.ChildProcesses;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a service in the chaos run: its Spring Boot jar in a JVM of its own on a port of
 * its own, output appended to {@code <name>.log}. Killed with SIGKILL and started again with the same
 * command, state directory and port, as an orchestrator restarts a pod.
 */
final class ServiceInstance {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private volatile Process process;

  ServiceInstance(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments,
      Map<String, String> environment, Path logs) {
    this.name = name;
    this.port = port;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.main.banner-mode=off"));
    command.addAll(arguments);
    this.command = ChildProcesses.inOwnSession(command);
    this.environment = new LinkedHashMap<>(environment);
    this.log = logs.resolve(name + ".log");
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " runs already");
    }
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "==== chaos: starting " + name + " at " + Instant.now() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new CommandFailure("could not start " + name + ": " + e.getMessage());
    }
  }

  /** Waits for readiness; fails with the end of its log if it exits first or takes longer than {@code atMost}. */
  void awaitReady(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      Process running = process;
      if (running == null || !running.isAlive()) {
        throw new CommandFailure(name + " exited" + (running == null ? "" : " with " + running.exitValue())
            + " before it was ready; the end of " + log + ":\n" + tail());
      }
      if (ready()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new CommandFailure(name + " was not ready within " + atMost.toSeconds() + " s; the end of " + log
            + ":\n" + tail());
      }
      sleep(250);
    }
  }

  boolean ready() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL, and waits until it is gone: no shutdown hook, no commit, connections cut. */
  void kill() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      try {
        running.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  long pid() {
    Process running = process;
    return running == null ? -1 : running.pid();
  }

  void stop(Duration timeout) {
    Process running = process;
    if (running != null) {
      ChildProcesses.stop(running, timeout);
    }
  }

  /** The last lines of its log, for failures. */
  String tail() {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, file.length() - 6_000);
      byte[] bytes = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while waiting for a service");
    }
  }
}
