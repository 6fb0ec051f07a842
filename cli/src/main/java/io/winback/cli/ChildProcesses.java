package io.winback.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The child JVMs the command starts (broker, services, the benchmark's processor) stop the same way. */
public final class ChildProcesses {

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private ChildProcesses() {}

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
}
