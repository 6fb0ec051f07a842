package io.winback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.cli.up.StandInService;
import io.winback.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as an operator runs it: {@code winback up --demo} starts a real local
 * broker and a real local PostgreSQL, hands the database to the services that declare
 * {@code database=true} (stand-ins here, so the test does not depend on the real services' code),
 * SIGTERM stops everything cleanly, and a second {@code up} still has the earlier records and rows.
 */
@Tag("integration")
class UpCommandIT {

  private static final Path JAR = Path.of("target", "winback-cli.jar");

  @Test
  void upServesTheTopicsAndADatabaseStopsCleanlyAndKeepsItsDataAcrossRestarts(@TempDir Path data,
      @TempDir Path home) throws Exception {
    int port = freePortPair();
    String bootstrap = "127.0.0.1:" + port;
    int pgPort = freePort();
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/winback";
    int deskPort = freePort();
    int monitorPort = freePort();
    StandInService.install(home, "desk-standin", deskPort, true);
    StandInService.install(home, "monitor-standin", monitorPort, false);

    Started first = up(home, data, Map.of(), "--port", Integer.toString(port), "--pg-port", Integer.toString(pgPort),
        "--demo", "--demo-interval", "1", "--demo-customers", "12");
    assertThat(first.output()).anyMatch(line -> line.contains("Winback is ready."))
        .anyMatch(line -> line.contains("Kafka broker") && line.contains(bootstrap))
        .anyMatch(line -> line.contains("PostgreSQL") && line.contains(jdbcUrl) && line.contains("postgres.log"));
    Properties desk = report(data, deskPort);
    assertThat(desk).containsEntry("SPRING_DATASOURCE_URL", jdbcUrl)
        .containsEntry("SPRING_DATASOURCE_USERNAME", "winback")
        .containsEntry("SPRING_PROFILES_ACTIVE", "embedded");
    Properties monitor = report(data, monitorPort);
    assertThat(monitor).doesNotContainKey("SPRING_DATASOURCE_URL").containsEntry("SPRING_PROFILES_ACTIVE", "embedded");
    try (Connection connection = connect(desk); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE kept (note text)");
      sql.execute("INSERT INTO kept VALUES ('from the first run')");
    }
    Path input = Files.writeString(data.resolve("in.jsonl"),
        ProduceAndTailIT.cancellation("evt-restart", "C-restart") + "\n");
    assertThat(CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(), input.toString()).exitCode()).isZero();
    first.awaitLine("demo: cancelled by customer", Duration.ofSeconds(20));
    assertThat(CliRun.of(bootstrap, "tail", Topics.RELATIONSHIPS.name(), "--from-beginning", "--max", "12").outLines())
        .hasSize(12).allMatch(line -> line.contains("DEMO-00"));
    first.stop();
    assertThat(first.output()).as("exit %d", first.process().exitValue())
        .anyMatch(line -> line.contains("Winback stopped."));
    assertThatThrownBy(() -> connect(desk).close()).as("PostgreSQL stopped with up").isInstanceOf(SQLException.class);

    Started second = up(home, data, Map.of(), "--port", Integer.toString(port), "--pg-port", Integer.toString(pgPort));
    CliRun tail = CliRun.of(bootstrap, "tail", Topics.CANCELLATIONS.name(), "--from-beginning", "--timeout", "3");
    String kept;
    try (Connection connection = connect(report(data, deskPort)); Statement sql = connection.createStatement();
         ResultSet rows = sql.executeQuery("SELECT note FROM kept")) {
      kept = rows.next() ? rows.getString(1) : null;
    }
    second.stop();

    assertThat(tail.out()).contains("evt-restart").contains("\"customerId\":\"DEMO-00");
    assertThat(second.output()).anyMatch(line -> line.contains("all catalogue topics present"));
    assertThat(kept).isEqualTo("from the first run");
  }

  @Test
  void usesTheCallersDatabaseWhenSpringDatasourceUrlIsSet(@TempDir Path data, @TempDir Path home) throws Exception {
    int port = freePortPair();
    int deskPort = freePort();
    StandInService.install(home, "desk-standin", deskPort, true);
    String theirs = "jdbc:postgresql://db.internal.example:5432/winback";

    Started up = up(home, data, Map.of("SPRING_DATASOURCE_URL", theirs, "SPRING_DATASOURCE_USERNAME", "them",
        "SPRING_PROFILES_ACTIVE", "local"), "--port", Integer.toString(port), "--pg-port", Integer.toString(freePort()));
    up.stop();

    assertThat(up.output()).anyMatch(line -> line.contains("using the PostgreSQL at " + theirs) && line.contains("none started"))
        .anyMatch(line -> line.contains("PostgreSQL") && line.contains(theirs));
    assertThat(report(data, deskPort)).containsEntry("SPRING_DATASOURCE_URL", theirs)
        .containsEntry("SPRING_DATASOURCE_USERNAME", "them")
        .containsEntry("SPRING_PROFILES_ACTIVE", "local,embedded");
    assertThat(data.resolve("postgres")).doesNotExist();
  }

  @Test
  void aServiceKilledWithSigkillIsStartedAgainAndReadyWithoutAnyoneDoingAnything(@TempDir Path data,
      @TempDir Path home) throws Exception {
    int port = freePortPair();
    int monitorPort = freePort();
    StandInService.install(home, "monitor-standin", monitorPort, false);
    Started up = up(home, data, Map.of(), "--port", Integer.toString(port), "--pg-port", Integer.toString(freePort()));
    long first = pid(data, monitorPort);

    ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL, as the OOM killer would

    up.awaitLine("monitor-standin exited with 137; restarting in 1 s", Duration.ofSeconds(60));
    up.awaitLine("monitor-standin is ready again", Duration.ofSeconds(120));
    long second = pid(data, monitorPort);
    assertThat(second).isNotEqualTo(first);
    assertThat(ProcessHandle.of(second)).get().matches(ProcessHandle::isAlive, "the new stand-in runs");
    assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + monitorPort + "/ready")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    up.stop();
    assertThat(up.output()).anyMatch(line -> line.contains("Winback stopped."))
        .noneMatch(line -> line.contains("exited with") && !line.contains("exited with 137"));
    assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false))
        .as("the restarted stand-in is stopped with up, not started again").isFalse();
  }

  /** The stand-in on {@code port} writes its pid on start; waits for the report of a process that is alive. */
  private static long pid(Path data, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        long pid = Long.parseLong(report(data, port).getProperty(StandInService.PID));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          return pid;
        }
      } catch (IOException | NumberFormatException notWrittenYet) {
        // the stand-in is starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no live stand-in reported on port " + port);
  }

  private Started up(Path home, Path data, Map<String, String> environment, String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "up", "--data-dir", data.toString()));
    command.addAll(List.of(extra));
    Path log = Files.createTempFile(data.getParent(), "winback-up", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().remove(KafkaConnection.ENV);
    List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
        "SPRING_PROFILES_ACTIVE").forEach(builder.environment()::remove);
    builder.environment().put("WINBACK_HOME", home.toString());
    builder.environment().putAll(environment);
    Started started = new Started(builder.start(), log);
    started.awaitLine("Winback is ready.", Duration.ofSeconds(120));
    return started;
  }

  private static Properties report(Path data, int port) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(StandInService.reportFile(data, port))) {
      properties.load(in);
    }
    return properties;
  }

  /** With exactly the settings the service was handed. */
  private static Connection connect(Properties service) throws SQLException {
    return DriverManager.getConnection(service.getProperty("SPRING_DATASOURCE_URL"),
        service.getProperty("SPRING_DATASOURCE_USERNAME"), service.getProperty("SPRING_DATASOURCE_PASSWORD"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
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
