package io.winback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.topics.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as an operator runs it: {@code winback up --demo} starts a real local
 * broker, SIGTERM stops it cleanly, and a second {@code up} still has the earlier records.
 */
@Tag("integration")
class UpCommandIT {

  private static final Path JAR = Path.of("target", "winback-cli.jar");

  @Test
  void upServesTheTopicsStopsCleanlyAndKeepsItsDataAcrossRestarts(@TempDir Path data) throws Exception {
    int port = freePortPair();
    String bootstrap = "127.0.0.1:" + port;

    Started first = up(data, port, "--demo", "--demo-interval", "1", "--demo-customers", "12");
    assertThat(first.output()).anyMatch(line -> line.contains("Winback is ready."))
        .anyMatch(line -> line.contains("Kafka broker") && line.contains(bootstrap));
    Path input = Files.writeString(data.resolve("in.jsonl"),
        ProduceAndTailIT.cancellation("evt-restart", "C-restart") + "\n");
    assertThat(CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(), input.toString()).exitCode()).isZero();
    first.awaitLine("demo: cancelled by customer", Duration.ofSeconds(20));
    assertThat(CliRun.of(bootstrap, "tail", Topics.RELATIONSHIPS.name(), "--from-beginning", "--max", "12").outLines())
        .hasSize(12).allMatch(line -> line.contains("DEMO-00"));
    first.stop();
    assertThat(first.output()).as("exit %d", first.process().exitValue())
        .anyMatch(line -> line.contains("Winback stopped."));

    Started second = up(data, port);
    CliRun tail = CliRun.of(bootstrap, "tail", Topics.CANCELLATIONS.name(), "--from-beginning", "--timeout", "3");
    second.stop();

    assertThat(tail.out()).contains("evt-restart").contains("\"customerId\":\"DEMO-00");
    assertThat(second.output()).anyMatch(line -> line.contains("all catalogue topics present"));
  }

  private Started up(Path data, int port, String... extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "up", "--port", Integer.toString(port), "--data-dir", data.toString()));
    command.addAll(List.of(extra));
    Path log = Files.createTempFile(data.getParent(), "winback-up", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().remove(KafkaConnection.ENV);
    Started started = new Started(builder.start(), log);
    started.awaitLine("Winback is ready.", Duration.ofSeconds(90));
    return started;
  }

  /** The broker takes the port, its controller the next one. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException taken) {
        // try another pair
      }
    }
    throw new IllegalStateException("no two free adjacent ports");
  }

  /** A running {@code winback up}; its output goes to a file, read back line by line. */
  private record Started(Process process, Path log) {

    List<String> output() {
      try {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void awaitLine(String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        boolean alive = process.isAlive();
        if (output().stream().anyMatch(line -> line.contains(text))) {
          return;
        }
        if (!alive) {
          throw new AssertionError("winback up exited (" + process.exitValue() + ") before '" + text
              + "':\n" + String.join("\n", output()));
        }
        Thread.sleep(100);
      }
      throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + String.join("\n", output()));
    }

    /** SIGTERM, as Ctrl-C or an init system would. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("winback up did not stop within 60 s:\n" + String.join("\n", output()));
      }
    }
  }
}
