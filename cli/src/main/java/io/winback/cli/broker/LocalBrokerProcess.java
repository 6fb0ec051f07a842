package io.winback.cli.broker;

import io.winback.local.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The local broker running as a child JVM ({@link LocalBroker}), with its output in broker.log.
 *
 * <p>The child runs in its own session (via {@code setsid} where available) so that a Ctrl-C in
 * the terminal reaches only the CLI, which then stops its services before the broker they need.
 * The flip side: whoever starts a broker must {@link #stop} it.
 */
public final class LocalBrokerProcess implements AutoCloseable {

  private static final String LOGBACK_CONFIG = "io/winback/cli/broker/broker-logback.xml";
  private static final String START_MARKER = "=== winback local broker starting";
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int TAIL_LINES = 30;

  private final LocalBrokerConfig config;
  private final Process process;

  private LocalBrokerProcess(LocalBrokerConfig config, Process process) {
    this.config = config;
    this.process = process;
  }

  /** Starts the broker with this JVM's classpath; returns without waiting, see {@link #awaitReady}. */
  public static LocalBrokerProcess start(LocalBrokerConfig config) {
    return start(config, absolute(System.getProperty("java.class.path")));
  }

  /** The child runs in the data directory, so relative classpath entries must be resolved here. */
  private static String absolute(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  /**
   * Starts the broker with the given classpath.
   *
   * @throws PortInUseException if the client or controller port is already taken
   */
  public static LocalBrokerProcess start(LocalBrokerConfig config, String classpath) {
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalArgumentException("the local broker needs a classpath");
    }
    checkPortsFree(config);
    List<String> command = command(config, classpath);
    try {
      Files.createDirectories(config.dataDir());
      // The classpath alone can be tens of kilobytes; it would bury the rest of the log.
      String shown = String.join(" ", command).replace(classpath, "<classpath>");
      Files.writeString(config.brokerLog(), START_MARKER + " at " + Instant.now() + ": " + shown
          + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process process = new ProcessBuilder(command)
          .directory(config.dataDir().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(config.brokerLog().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
      return new LocalBrokerProcess(config, process);
    } catch (IOException e) {
      throw new LocalBrokerException("could not start the local broker: " + e.getMessage(), e);
    }
  }

  /**
   * Fails if a port the broker needs is taken. Binding is the only reliable test: a listener on
   * any address of the port makes the broker's own bind fail the same way.
   */
  public static void checkPortsFree(LocalBrokerConfig config) {
    requireFree(config.host(), config.port(), "port " + config.port()
        + " is in use: is another broker running? set KAFKA_BOOTSTRAP_SERVERS to use it");
    requireFree(config.host(), config.controllerPort(), "controller port " + config.controllerPort()
        + " (port + 1) is in use: is another broker running? set KAFKA_BOOTSTRAP_SERVERS to use it,"
        + " or choose another port");
  }

  /**
   * Waits until the broker answers an admin request.
   *
   * @return this, for chaining after {@link #start}
   * @throws LocalBrokerException if the process exits first or the timeout passes; the message
   *                              carries the last lines of broker.log. After a timeout the process
   *                              is left running: {@link #stop} it.
   */
  public LocalBrokerProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Admin admin = null;
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new LocalBrokerException("the local broker exited with status " + process.exitValue()
              + " before it was ready; last lines of " + config.brokerLog() + ":\n" + logTail());
        }
        // Wait for the port first: an admin client on a closed port logs a warning per retry.
        if (admin == null && portAnswers()) {
          admin = Admin.create(adminConfig());
        }
        if (admin != null && clusterAnswers(admin)) {
          return this;
        }
        if (System.nanoTime() >= deadline) {
          throw new LocalBrokerException("the local broker was not ready after " + timeout.toSeconds()
              + " s; last lines of " + config.brokerLog() + ":\n" + logTail());
        }
        sleep(POLL);
      }
    } finally {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
    }
  }

  /** Asks the broker to shut down cleanly (SIGTERM), and kills it if it has not within the timeout. */
  public void stop(Duration timeout) {
    ChildProcesses.stop(process, timeout);
  }

  @Override
  public void close() {
    stop(DEFAULT_STOP_TIMEOUT);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public LocalBrokerConfig config() {
    return config;
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** The last lines broker.log got since this broker was started. */
  public String logTail() {
    return tail(config.brokerLog());
  }

  static List<String> command(LocalBrokerConfig config, String classpath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dlogback.configurationFile=" + LOGBACK_CONFIG);
    command.add("-cp");
    command.add(classpath);
    command.add(LocalBroker.class.getName());
    command.addAll(LocalBroker.toArgs(config));
    return ChildProcesses.inOwnSession(command);
  }

  private Map<String, Object> adminConfig() {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
  }

  private boolean portAnswers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(config.host(), config.port()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean clusterAnswers(Admin admin) {
    try {
      return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
          .nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalBrokerException("interrupted while waiting for the local broker", e);
    } catch (Exception e) {
      return false; // not up yet
    }
  }

  private static void requireFree(String host, int port, String message) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      throw new PortInUseException(message, port);
    } catch (IOException e) {
      throw new LocalBrokerException("cannot check port " + port + " on " + host + ": " + e.getMessage(), e);
    }
  }

  /** Reads only the end of the file: broker.log is appended to on every start and can grow large. */
  static String tail(Path log) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - 64 * 1024);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      int runStart = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(START_MARKER)) {
          runStart = i + 1;
        }
      }
      int first = Math.max(runStart, lines.size() - TAIL_LINES);
      return String.join("\n", lines.subList(Math.min(first, lines.size()), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalBrokerException("interrupted while waiting for the local broker", e);
    }
  }
}
