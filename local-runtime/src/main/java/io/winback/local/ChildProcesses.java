package io.winback.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child processes Winback starts (broker, services, the benchmark's processor, PostgreSQL) start
 * and stop the same way: each in a session of its own, stopped by a signal and killed if it hangs.
 */
public final class ChildProcesses {

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private ChildProcesses() {}

  /**
   * {@code command} run in a session of its own (via {@code setsid} where there is one), so that a
   * Ctrl-C in the terminal reaches only this JVM, which then stops its children in order.
   */
  public static List<String> inOwnSession(List<String> command) {
    List<String> wrapped = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      wrapped.add(SETSID.toString());
    }
    wrapped.addAll(command);
    return wrapped;
  }

  /** SIGTERM so the child shuts down cleanly, then a kill if it has not within {@code timeout}. */
  public static void stop(Process process, Duration timeout) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends a named signal ({@code INT}, {@code QUIT} ...), which Java's own API cannot; PostgreSQL reads
   * SIGINT as "fast shutdown". False if the process was already gone.
   */
  public static boolean signal(long pid, String signal) {
    return Commands.run(List.of("kill", "-s", signal, Long.toString(pid)), Duration.ofSeconds(10)).ok();
  }

  /** Waits until the process is gone; true if it went within the timeout. */
  public static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return !process.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
