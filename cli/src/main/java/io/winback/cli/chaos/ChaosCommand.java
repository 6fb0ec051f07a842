package io.winback.cli.chaos;

import io.winback.cli.CommandFailure;
import io.winback.cli.WinbackHome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code winback chaos}: the whole system under many faults at once, and a check that nothing was
 * lost, nothing duplicated and nobody contacted against their wishes.
 *
 * <ol>
 *   <li>A fresh broker and PostgreSQL in a temp directory, an SMTP server that records every mail, two
 *       churn processors and two desks from their jars ({@link ChaosStack}).</li>
 *   <li>N cancellations of realistic customers at a steady rate, with 1 % duplicated, 5 % CRM data late,
 *       2 % consent withdrawn while the task is in flight, 1 % withdrawn cancellations, and the poison
 *       records interleaved on the three inputs ({@link ChaosFeeder}, {@link ChaosPlan}).</li>
 *   <li>Meanwhile the faults of the seeded schedule ({@link FaultRunner}).</li>
 *   <li>Then it waits until the system owes nothing more (or stops moving), and judges what a
 *       read_committed consumer and the SMTP server saw ({@link ChaosVerdict}, which defines each count).</li>
 * </ol>
 * Exit 0 only if lost, duplicated and wrong_contacts are 0 and dead_letters equals the poison sent.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = {
        "Runs the whole system (a fresh broker and PostgreSQL in a temp directory, two churn processors, two",
        "desks, an SMTP server that records every mail), feeds N cancellations of realistic customers with",
        "faults on a seeded schedule (each processor killed with SIGKILL, the broker restarted cleanly and",
        "killed, the SMTP server down, PostgreSQL restarted, poison records, duplicates, late CRM data,",
        "consent and cancellation withdrawals), then checks that nothing was lost or duplicated and that",
        "nobody was contacted without consent. The last line is",
        "chaos: cancellations=N cases=C tasks=T emails=E lost=L duplicated=D duplicate_emails=M"
            + " wrong_contacts=W dead_letters=P",
        "and the exit code is 0 only when lost, duplicated and wrong_contacts are 0 and dead_letters",
        "equals the poison records sent."})
public class ChaosCommand implements Callable<Integer> {

  @Option(names = "--cancellations", paramLabel = "N", defaultValue = "100000",
      description = "Valid cancellations to feed, one customer each (default: ${DEFAULT-VALUE}).")
  int cancellations;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "14",
      description = "Seed of the customers, the treatments, the poison and the fault schedule (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "200",
      description = "Cancellations fed per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--poison", paramLabel = "N", defaultValue = "1000",
      description = "Poison records on the three inputs (default: ${DEFAULT-VALUE}).")
  int poison;

  @Option(names = "--kills", paramLabel = "N", defaultValue = "3",
      description = "SIGKILLs of each processor instance (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--smtp-outage", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long the SMTP server is down (default: ${DEFAULT-VALUE}).")
  int smtpOutageSeconds;

  @Option(names = "--consent-max-staleness", paramLabel = "SECONDS", defaultValue = "30",
      description = "The desks' winback.desk.consent-max-staleness: a withdrawal older than this when a mail is"
          + " handed over makes it a wrong contact (default: ${DEFAULT-VALUE}).")
  int stalenessSeconds;

  @Option(names = "--settle-timeout", paramLabel = "MINUTES", defaultValue = "10",
      description = "After the feed and the faults: how long to wait without any progress before judging what is"
          + " there (default: ${DEFAULT-VALUE}).")
  int settleMinutes;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the broker, PostgreSQL and the services keep their data and logs (default: a new temp"
          + " directory, removed after a run that passed).")
  Path dataDir;

  private final PrintStream out = System.out;

  @Override
  public Integer call() {
    ChaosSettings settings = new ChaosSettings(cancellations, seed, rate, poison, kills,
        Duration.ofSeconds(smtpOutageSeconds), Duration.ofSeconds(stalenessSeconds));
    ChaosPlan plan = new ChaosPlan(settings);
    describe(plan);
    Path work = dataDir != null ? dataDir : temp();
    ChaosVerdict.Result result;
    try (ChaosStack stack = ChaosStack.start(WinbackHome.directory(), work, out, settings.consentMaxStaleness())) {
      Thread onInterrupt = new Thread(stack::close, "chaos-shutdown");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      result = run(plan, stack);
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs already
      }
    }
    report(result);
    if (result.passed() && dataDir == null) {
      delete(work);
    } else {
      out.println("chaos: data and logs kept in " + work);
    }
    out.println(result.counts().line());
    out.flush();
    return result.passed() ? 0 : 1;
  }

  private ChaosVerdict.Result run(ChaosPlan plan, ChaosStack stack) {
    Ledger ledger = new Ledger();
    Observations observations = new Observations();
    TopicObserver observer = new TopicObserver(stack.bootstrapServers(), observations);
    observer.start();
    stack.watch();
    ChaosFeeder feeder = new ChaosFeeder(plan, ledger, stack.bootstrapServers());
    FaultRunner faults = new FaultRunner(plan.faults(), stack, feeder::fed, plan.settings().smtpOutage(), out);
    Thread feeding = daemon(feeder, "chaos-feed");
    Thread faulting = daemon(faults, "chaos-faults");
    long started = System.nanoTime();
    out.printf("chaos: feeding %,d cancellations at %d/s%n", plan.cancellations(), plan.settings().ratePerSecond());
    feeding.start();
    faulting.start();
    long lastProgress = System.nanoTime();
    long lastReport = 0;
    long seenBefore = -1;
    long quietSince = System.nanoTime();
    Duration settle = Duration.ofMinutes(settleMinutes);
    while (true) {
      sleep(2_000);
      long now = System.currentTimeMillis();
      Map<String, List<RecordingSmtpServer.Copy>> mails = stack.smtp().received();
      Observations.Snapshot seen = observations.snapshot();
      long owed = ChaosVerdict.outstanding(ledger, seen, mails, now);
      long progress = observations.records() + stack.smtp().total() + feeder.fed();
      if (progress != seenBefore) {
        seenBefore = progress;
        lastProgress = System.nanoTime();
        quietSince = System.nanoTime();
      }
      boolean fedAndFaulted = feeder.done() && !faulting.isAlive();
      if (System.nanoTime() - lastReport > 15e9 || (fedAndFaulted && owed == 0)) {
        lastReport = System.nanoTime();
        out.printf("chaos: %.0f s: fed %,d/%,d, faults %d/%d, cases %,d, task records seen %,d, mails %,d,"
                + " dead letters %,d, still owed %,d%n", (System.nanoTime() - started) / 1e9, feeder.fed(),
            plan.cancellations(), faults.done(), plan.faults().size(), seen.cases().size(), seen.tasks().size(),
            mails.size(), seen.deadLetters().size(), owed);
        out.flush();
      }
      if (fedAndFaulted && owed == 0 && System.nanoTime() - quietSince > 15e9) {
        out.println("chaos: the system owes nothing and has been quiet for 15 s");
        break;
      }
      if (fedAndFaulted && System.nanoTime() - lastProgress > settle.toNanos()) {
        out.printf("chaos: no progress for %d min with %,d still owed; judging what is there%n", settleMinutes, owed);
        break;
      }
      if (!feeding.isAlive() && !feeder.done()) {
        throw new CommandFailure("the feed stopped");
      }
    }
    long endOfRun = System.currentTimeMillis();
    Observations.Snapshot seen = observations.snapshot();
    Map<String, List<RecordingSmtpServer.Copy>> mails = stack.smtp().received();
    Set<String> resentInDoubt = stack.resentInDoubt();
    observer.stop();
    ChaosVerdict.Result result = ChaosVerdict.judge(ledger, seen, mails, resentInDoubt,
        plan.settings().consentMaxStaleness(), endOfRun);
    result.facts().put("duplicate deliveries acknowledged", ledger.duplicatesAcked());
    result.facts().put("sends the producer gave up on and repeated", ledger.sendFailures());
    result.facts().put("services restarted because they died or failed liveness on their own",
        (long) stack.unplannedRestarts());
    result.facts().put("mails without a Message-ID", stack.smtp().withoutMessageId());
    result.facts().put("seconds from the first cancellation to the verdict", (System.nanoTime() - started) / 1_000_000_000L);
    return result;
  }

  private void describe(ChaosPlan plan) {
    out.printf("chaos: seed %d, %,d cancellations: %,d duplicated, %,d with late CRM data, %,d consent withdrawals in"
            + " flight, %,d cancellations withdrawn; %,d poison records; %d faults:%n", plan.settings().seed(),
        plan.cancellations(), plan.count(Treatment.DUPLICATED), plan.count(Treatment.LATE_CRM),
        plan.count(Treatment.CONSENT_WITHDRAWN), plan.count(Treatment.CANCELLATION_WITHDRAWN), plan.poison().size(),
        plan.faults().size());
    for (Fault fault : plan.faults()) {
      out.printf("chaos:   at cancellation %,d: %s%n", fault.atCancellation(), fault.describe());
    }
  }

  private void report(ChaosVerdict.Result result) {
    result.findings().forEach((kind, examples) -> {
      out.printf("chaos: FOUND %s (%d), e.g.:%n", kind, result.facts().getOrDefault("found: " + kind, 0L));
      examples.forEach(example -> out.println("chaos:   " + example));
    });
    result.facts().forEach((what, count) -> {
      if (!what.startsWith("found: ")) {
        out.printf("chaos: %s: %,d%n", what, count);
      }
    });
    out.printf("chaos: poison records sent %,d, dead-lettered with their reason %,d, other records dead-lettered %,d%n",
        result.poisonSent(), result.counts().deadLetters() - result.unexpectedDeadLetters()
            - result.poisonWithoutReason(), result.unexpectedDeadLetters());
    out.println(result.passed() ? "chaos: PASSED" : "chaos: FAILED");
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory("winback-chaos-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is no failure of the run
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    }
  }
}
