package io.winback.monitor.lag;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on its own daemon thread, again and again with a fixed pause between the end of one
 * run and the start of the next, so a slow broker stretches the cycle instead of piling runs up.
 * A failing run is logged and the next one comes anyway.
 */
public final class SamplerLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SamplerLoop.class);

  private final String name;
  private final Duration interval;
  private final Runnable task;
  private final ScheduledExecutorService executor;

  public SamplerLoop(String name, Duration interval, Runnable task) {
    this.name = name;
    this.interval = interval;
    this.task = task;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      // Never let one failure cancel the schedule: that would freeze every figure silently.
      log.warn("{} failed; retrying in {}", name, interval, e);
    }
  }

  /** Stops and waits for a run in progress, so the clients it uses can be closed safely after. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
        log.warn("{} did not stop within 15 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
