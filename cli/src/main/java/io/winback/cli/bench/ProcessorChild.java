package io.winback.cli.bench;

import io.winback.local.ChildProcesses;
import io.winback.cli.CommandFailure;
import io.winback.cli.up.ServiceDescriptor;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The churn processor as the benchmark runs it: its real fat jar in a child JVM with a capped
 * heap, its own application id (so it starts from the offsets the benchmark committed for it),
 * its Kafka Streams state in the benchmark's temp directory and a free HTTP port.
 */
final class ProcessorChild implements AutoCloseable {

  static final String SERVICE = "churn-processor";
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Process process;
  private final Path log;
  private final int port;
  private final List<String> command;

  private ProcessorChild(Process process, Path log, int port, List<String> command) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.command = command;
  }

  /** The processor's jar as its {@code winback-service.properties} names it; fails clearly if not built. */
  static Path locateJar(Path home) {
    Path services = home.resolve("services");
    Path jar = ServiceDescriptor.discover(services).stream()
        .filter(service -> service.name().equals(SERVICE))
        .map(ServiceDescriptor::jar)
        .findFirst()
        .orElse(services.resolve(SERVICE).resolve("target").resolve(SERVICE + ".jar"));
    if (!Files.isRegularFile(jar)) {
      throw new CommandFailure("the churn processor is not built (" + jar + " missing): run ./mvnw -DskipTests"
          + " package, or start the benchmark with ./winback, which builds what is missing");
    }
    return jar;
  }

  /** The command line; the JVM options come first, the Spring properties after the jar. */
  static List<String> command(Path java, List<String> jvmOptions, Path jar, String bootstrap, String applicationId,
      Path stateDir, int port) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString()); // a Ctrl-C reaches only the benchmark, which then stops the processor
    }
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--spring.kafka.bootstrap-servers=" + bootstrap);
    command.add("--spring.kafka.streams.application-id=" + applicationId);
    command.add("--spring.kafka.streams.state-dir=" + stateDir);
    command.add("--server.port=" + port);
    // A local processor on the benchmark's own broker, as ./winback up runs it: without this profile
    // (local users) or a JWT issuer it refuses to start. The benchmark reads only readiness and
    // prometheus, which need no login.
    command.add("--spring.profiles.active=embedded");
    return command;
  }

  static ProcessorChild start(List<String> command, int port, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS"); // the command line names the broker
      return new ProcessorChild(builder.start(), log, port, command);
    } catch (IOException e) {
      throw new CommandFailure("could not start the churn processor: " + e.getMessage());
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Waits until readiness answers 200: Kafka Streams RUNNING, no store restoring. */
  void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String dead = deadReason();
      if (dead != null) {
        throw new CommandFailure(dead);
      }
      if (readiness(http).ready()) {
        return;
      }
      OutputCounter.sleep(500);
    }
    throw new CommandFailure("the churn processor was not ready within " + timeout.toSeconds() + " s; see " + log);
  }

  /**
   * One look at readiness. Without a login, as a probe asks: the answer is the status only. (With
   * HTTP basic every request would check a BCrypt hash, about as much CPU as the processor's
   * stream thread uses when asked ten times a second.)
   */
  Readiness readiness(HttpClient http) {
    HttpRequest request = HttpRequest.newBuilder(url().resolve("/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      return new Readiness(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException notYet) {
      return Readiness.NO_ANSWER; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while waiting for the churn processor");
    }
  }

  /**
   * Only the named metrics from {@code /actuator/prometheus} ({@code includedNames}; a counter is
   * asked for with and without its {@code _total}), which answers without a login and renders
   * nothing else: cheap enough to ask often. Null if the processor does not answer.
   */
  String metrics(HttpClient http, String... names) {
    StringBuilder query = new StringBuilder();
    for (String name : names) {
      query.append(query.isEmpty() ? "?" : "&").append("includedNames=").append(name);
      if (name.endsWith("_total")) {
        query.append("&includedNames=").append(name, 0, name.length() - "_total".length());
      }
    }
    HttpRequest request = HttpRequest.newBuilder(url().resolve("/actuator/prometheus" + query))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** One Prometheus scrape, kept in {@code file} too; null if the processor does not answer. */
  String scrape(Path file) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/actuator/prometheus"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      Files.writeString(file, response.body(), StandardCharsets.UTF_8);
      return response.body();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Null while running; otherwise why not, with the end of its log. */
  String deadReason() {
    if (process.isAlive()) {
      return null;
    }
    return "the churn processor exited with code " + process.exitValue() + "; last lines of " + log + ":\n"
        + tail(log, 40);
  }

  List<String> command() {
    return command;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM (Spring closes Kafka Streams cleanly), then a kill after the timeout. */
  void stop(Duration timeout) {
    ChildProcesses.stop(process, timeout);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  static String tail(Path file, int lines) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(0, in.length() - 32 * 1024);
      byte[] bytes = new byte[(int) (in.length() - from)];
      in.seek(from);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
