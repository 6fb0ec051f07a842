package io.winback.cli.up;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A service that {@code winback up} keeps running, as an orchestrator would: when its process
 * exits (a crash, an out-of-memory kill, a SIGKILL), it is started again after a pause from
 * {@link RestartBackoff}, and the console says so, once when it went and once when it is ready
 * again. {@link #stop} ends the supervision first and then the process, so a service that is being
 * stopped is never started again.
 *
 * <p>The first start is not supervised: a service that cannot start at all (not built, a port taken,
 * a database it cannot reach) makes {@code up} fail with its log, rather than loop.
 */
public final class SupervisedService {

  /** How long a restarted service may take to become ready before the console says it is not. */
  static final Duration READY_AGAIN_WITHIN = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofMillis(500);

  private final ServiceDescriptor service;
  private final String bootstrapServers;
  private final Path logs;
  private final Map<String, String> environment;
  private final PrintStream console;
  private final RestartBackoff backoff;
  private final Object lock = new Object();
  private ServiceProcess current;
  private boolean stopping;
  private Thread watcher;

  private SupervisedService(ServiceDescriptor service, String bootstrapServers, Path logs,
      Map<String, String> environment, PrintStream console, RestartBackoff backoff) {
    this.service = service;
    this.bootstrapServers = bootstrapServers;
    this.logs = logs;
    this.environment = Map.copyOf(environment);
    this.console = console;
    this.backoff = backoff;
  }

  /** Starts the service (see {@link ServiceProcess#start}); supervision begins with {@link #awaitReady}. */
  public static SupervisedService start(ServiceDescriptor service, String bootstrapServers, Path logs,
      Map<String, String> environment, PrintStream console) {
    SupervisedService supervised = new SupervisedService(service, bootstrapServers, logs, environment, console,
        RestartBackoff.standard());
    supervised.current = supervised.launch();
    return supervised;
  }

  /**
   * Waits for the first start to be ready (failing as {@link ServiceProcess#awaitReady} does), then
   * watches the process from a thread of its own.
   */
  public void awaitReady(Duration timeout) {
    ServiceProcess first;
    synchronized (lock) {
      first = current;
    }
    first.awaitReady(timeout);
    synchronized (lock) {
      if (stopping) {
        return;
      }
      watcher = new Thread(() -> watch(first, Instant.now()), "winback-supervise-" + service.name());
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  /** Ends the supervision, then the process: SIGTERM, and a kill after {@code timeout}. */
  public void stop(Duration timeout) {
    ServiceProcess last;
    synchronized (lock) {
      stopping = true;
      last = current;
      if (watcher != null) {
        watcher.interrupt();
      }
    }
    last.stop(timeout);
  }

  public ServiceDescriptor service() {
    return service;
  }

  public Path log() {
    synchronized (lock) {
      return current.log();
    }
  }

  private ServiceProcess launch() {
    return ServiceProcess.start(service, bootstrapServers, logs, environment);
  }

  /** Runs until {@link #stop}: waits for the process to end, pauses, starts it again, waits for it to be ready. */
  private void watch(ServiceProcess first, Instant firstReadyAt) {
    ServiceProcess process = first;
    Instant readyAt = firstReadyAt;
    try {
      while (true) {
        int exitCode = process.awaitExit();
        Duration readyFor = readyAt == null ? Duration.ZERO : Duration.between(readyAt, Instant.now());
        Duration pause = backoff.afterExit(readyFor);
        synchronized (lock) {
          if (stopping) {
            return;
          }
          say("%s exited with %d; restarting in %d s (log: %s)", service.name(), exitCode, pause.toSeconds(),
              process.log());
        }
        Thread.sleep(pause.toMillis());
        synchronized (lock) {
          if (stopping) {
            return;
          }
          try {
            current = launch();
          } catch (RuntimeException e) {
            // The jar went away or the log cannot be written: nothing to supervise any more.
            say("%s cannot be restarted: %s", service.name(), e.getMessage());
            return;
          }
          process = current;
        }
        readyAt = awaitReadyAgain(process);
      }
    } catch (InterruptedException stopped) {
      // stop() ends the watch
    }
  }

  /** The instant it was ready again, or null if it exited first or stays unready. */
  private Instant awaitReadyAgain(ServiceProcess process) throws InterruptedException {
    Instant deadline = Instant.now().plus(READY_AGAIN_WITHIN);
    boolean warned = false;
    while (process.isAlive()) {
      if (process.isReady()) {
        synchronized (lock) {
          if (!stopping) {
            say("%s is ready again", service.name());
          }
        }
        return Instant.now();
      }
      if (!warned && Instant.now().isAfter(deadline)) {
        say("%s is not ready %d min after its restart; see %s", service.name(), READY_AGAIN_WITHIN.toMinutes(),
            process.log());
        warned = true;
      }
      Thread.sleep(POLL.toMillis());
    }
    return null;
  }

  private void say(String format, Object... args) {
    console.printf(format + "%n", args);
    console.flush();
  }
}
