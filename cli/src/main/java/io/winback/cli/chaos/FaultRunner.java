package io.winback.cli.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Carries out the fault schedule, one fault at a time: each once the feed has reached its
 * cancellation, and only after the one before has recovered (the service it hit is ready again),
 * so faults pile up on the load, not on each other.
 */
final class FaultRunner implements Runnable {

  private final List<Fault> faults;
  private final ChaosStack stack;
  private final IntSupplier fed;
  private final Duration smtpOutage;
  private final PrintStream out;
  private volatile int done;

  FaultRunner(List<Fault> faults, ChaosStack stack, IntSupplier fed, Duration smtpOutage, PrintStream out) {
    this.faults = faults;
    this.stack = stack;
    this.fed = fed;
    this.smtpOutage = smtpOutage;
    this.out = out;
  }

  int done() {
    return done;
  }

  @Override
  public void run() {
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      while (fed.getAsInt() < fault.atCancellation()) {
        sleep(100);
      }
      out.printf("chaos: fault %d/%d at cancellation %,d: %s%n", i + 1, faults.size(), fed.getAsInt(), fault.describe());
      long start = System.nanoTime();
      switch (fault.kind()) {
        case KILL_PROCESSOR -> stack.killProcessor(fault.target());
        case RESTART_BROKER -> stack.restartBroker(false);
        case KILL_BROKER -> stack.restartBroker(true);
        case SMTP_OUTAGE -> stack.smtpOutage(smtpOutage);
        case RESTART_POSTGRES -> stack.restartPostgres();
      }
      out.printf("chaos: fault %d/%d over, everything back after %.1f s%n", i + 1, faults.size(),
          (System.nanoTime() - start) / 1e9);
      out.flush();
      done = i + 1;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
