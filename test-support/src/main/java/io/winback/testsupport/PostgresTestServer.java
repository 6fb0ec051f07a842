package io.winback.testsupport;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one real PostgreSQL server shared by every test of a JVM, the twin of {@link KafkaTestBroker}.
 *
 * <p>Started lazily on first use: a Testcontainers {@code postgres:15} container when a Docker engine
 * answers, otherwise a local server from this machine's binaries ({@link io.winback.local.LocalPostgres},
 * which installs Debian's PostgreSQL as root if there is none) in a fresh temporary directory. Force
 * either with the system property {@value #CHOICE_PROPERTY} (or the environment variable
 * {@value #CHOICE_ENV}) set to {@value #LOCAL} or {@value #CONTAINER}. Stopped by a JVM shutdown hook.
 *
 * <p>Tests share the server, not data: each takes a database of its own from {@link #newDatabase}.
 */
public final class PostgresTestServer {

  public static final String LOCAL = "local";
  public static final String CONTAINER = "container";
  public static final String CHOICE_PROPERTY = "winback.test.postgres";
  public static final String CHOICE_ENV = "WINBACK_TEST_POSTGRES";

  private static final Logger log = LoggerFactory.getLogger(PostgresTestServer.class);
  private static final PostgresTestServer INSTANCE = new PostgresTestServer();

  private static volatile PostgresBackend backend;

  private PostgresTestServer() {
  }

  /** The shared server, started if needed. */
  public static PostgresTestServer get() {
    backend();
    return INSTANCE;
  }

  /** {@value #LOCAL} or {@value #CONTAINER}. */
  public String kind() {
    return backend().kind();
  }

  /** The server's TCP port on this host; it stays the same across {@link #restart} and {@link #kill}/{@link #start}. */
  public int port() {
    return backend().port();
  }

  /**
   * A new, empty database named {@code <prefix>_<random>} (the prefix lower-cased, anything but
   * letters, digits and underscores replaced), which nobody else in this JVM uses.
   */
  public TestDatabase newDatabase(String prefix) {
    String name = databaseName(prefix);
    PostgresBackend current = backend();
    current.createDatabase(name);
    return new TestDatabase(current.jdbcUrl(name), current.username(), current.password(), name);
  }

  /**
   * Takes the server down and up again on the same port with the same data (a fast shutdown that ends
   * open sessions, as a database restart in production does); returns when it accepts connections.
   * Clients see broken connections in between and must reconnect.
   */
  public synchronized void restart() {
    backend().restart();
  }

  /** SIGKILL to the server, as in a crash; {@link #start} brings it back (crash recovery keeps committed data). */
  public synchronized void kill() {
    backend().kill();
  }

  /** Starts the server again after {@link #kill}, on the same port; returns when it accepts connections. */
  public synchronized void start() {
    backend().start();
  }

  static String databaseName(String prefix) {
    String cleaned = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
      cleaned = "db_" + cleaned;
    }
    if (cleaned.length() > 40) {
      cleaned = cleaned.substring(0, 40);
    }
    return cleaned + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static PostgresBackend backend() {
    PostgresBackend current = backend;
    if (current != null) {
      return current;
    }
    synchronized (PostgresTestServer.class) {
      if (backend == null) {
        backend = startBackend();
      }
      return backend;
    }
  }

  private static PostgresBackend startBackend() {
    BackendChoice choice = BackendChoice.of(CHOICE_PROPERTY, CHOICE_ENV, LOCAL, CONTAINER);
    String kind = choice.kind();
    String reason = choice.reason();
    long startNanos = System.nanoTime();
    PostgresBackend started = CONTAINER.equals(kind) ? PostgresContainerBackend.launch() : LocalPostgresBackend.launch();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    log.info("PostgreSQL test server: {} at {}, started in {} ms; chosen because {}",
        kind, started.jdbcUrl("postgres"), millis, reason);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(started), "postgres-test-server-stop"));
    return started;
  }

  static String forcedChoice() {
    return BackendChoice.forced(CHOICE_PROPERTY, CHOICE_ENV, LOCAL, CONTAINER);
  }

  private static void stopQuietly(PostgresBackend toStop) {
    try {
      toStop.stop();
    } catch (RuntimeException e) {
      // The JVM is exiting anyway; a noisy stack trace here would only hide the test results.
      log.debug("PostgreSQL test server did not stop cleanly", e);
    }
  }
}
