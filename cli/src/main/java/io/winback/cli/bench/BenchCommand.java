package io.winback.cli.bench;

import io.winback.cli.CommandFailure;
import io.winback.cli.KafkaConnection;
import io.winback.cli.broker.LocalBrokerConfig;
import io.winback.cli.broker.LocalBrokerException;
import io.winback.cli.broker.LocalBrokerProcess;
import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code winback bench}: the churn processor's throughput, latency and restore time on a real
 * broker, against two Kafka Streams baselines on the same broker, input and guarantees.
 *
 * <ol>
 *   <li>A fresh local broker in a temp directory on free ports (or the one named by
 *       --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS), the catalogue's topics and the bench topics.</li>
 *   <li>Pre-load: the customers' relationships, then N cancellations, ids unique to the run.</li>
 *   <li>Pass-through: an in-process topology (with the processor's Kafka Streams properties) copies
 *       the N cancellations as bytes; its committed output is counted.</li>
 *   <li>Floor: an in-process topology with the same properties decodes the relationships and the N
 *       cancellations, looks up each customer's relationship in a store and writes the records a new
 *       case writes, at their real sizes, with changelogs ({@link Floor}).</li>
 *   <li>Pipeline: the real churn-processor jar in a child JVM with a new application id reads the
 *       same relationships and N cancellations from the start; its committed tasks are counted.</li>
 *   <li>Latency: once it has caught up, cancellations at a steady rate; each task's visibility to a
 *       read_committed consumer minus its timestamp (the cancellation's) is its end-to-end latency.</li>
 *   <li>Restore: the processor is stopped; a new one, same application id, empty state directory,
 *       restores every case from the changelogs; launch to ready is {@code restore_s}.</li>
 * </ol>
 * The baselines run {@code --baseline-runs} times each; the median run counts. Progress goes to
 * stderr; the summary, the targets and the result line to stdout, the result line last.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "Measures the churn processor on a real local broker: sustained throughput",
        "(cancellations per second, input to committed task) against two Kafka Streams",
        "baselines on the same broker with the processor's Streams settings (a pass-through,",
        "and the floor: decode, relationship look-up and the records a new case writes, at",
        "their real sizes, nothing decided or rendered), end-to-end latency p50/p99/max at",
        "a steady rate, peak heap, and the time a new instance with an empty state directory",
        "needs to restore the run's cases and be ready. Starts a fresh broker in a temp",
        "directory on free ports (unless --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS names",
        "one, which should be idle) and the processor's jar as a child JVM; stops everything",
        "at the end or on Ctrl-C. Progress on stderr; the summary and, last, this line on stdout:",
        "bench: pipeline=<N>/s passthrough=<M>/s ratio=<R> floor=<F>/s floor_ratio=<Q> p50_ms=<A>"
            + " p99_ms=<B> heap_mb=<H> restore_s=<S>",
        "See docs/benchmarks.md."})
public class BenchCommand implements Callable<Integer> {

  private static final long SEED = 20261201L;
  private static final List<TopicSpec<?, ?>> PROCESSOR_INPUTS =
      List.of(Topics.CANCELLATIONS, Topics.RELATIONSHIPS, Topics.FEEDBACK);

  @Option(names = "--cancellations", paramLabel = "N", defaultValue = "200000",
      description = "Cancellations pre-loaded for the throughput phases (default: ${DEFAULT-VALUE}).")
  int cancellations;

  @Option(names = "--customers", paramLabel = "N", defaultValue = "20000",
      description = "Customer relationships published first (default: ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "1000",
      description = "Steady rate of the latency phase (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-seconds", paramLabel = "SECONDS", defaultValue = "30",
      description = "Length of the measured latency phase (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--warmup-seconds", paramLabel = "SECONDS", defaultValue = "5",
      description = "Steady-rate warm-up before the latency is measured (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--baseline-runs", paramLabel = "N", defaultValue = "3",
      description = "Runs of each baseline (pass-through and floor) over the same cancellations; the median counts"
          + " (default: ${DEFAULT-VALUE}). One run lasts only seconds and moves by a fifth from run to run.")
  int baselineRuns;

  @Option(names = "--processor-heap", paramLabel = "SIZE", defaultValue = "512m",
      description = "Maximum heap (-Xmx) of the churn processor JVM (default: ${DEFAULT-VALUE}).")
  String processorHeap;

  @Option(names = "--processor-jvm-options", paramLabel = "OPTIONS", defaultValue = "",
      description = "More JVM options for the churn processor, space-separated, e.g. a flight recording:"
          + " -XX:StartFlightRecording=filename=/tmp/processor.jfr (the restore instance gets them too, less a"
          + " flight recording)")
  String processorJvmOptions;

  @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams property for the baselines and the processor, on top of the processor's"
          + " application.yml; repeatable. For trying a setting before putting it into application.yml.")
  Map<String, String> streamsOverrides = new java.util.LinkedHashMap<>();

  @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "180",
      description = "Give up when no output arrives for this long (default: ${DEFAULT-VALUE}).")
  int stallSeconds;

  @Option(names = "--keep-data", description = "Keep the temp directory (broker data, logs) after a successful run.")
  boolean keepData;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final List<AutoCloseable> running = new ArrayList<>();
  private boolean closed;
  private volatile LocalBrokerProcess broker;
  private volatile Path work;
  private volatile boolean succeeded;
  private volatile boolean interrupted;
  private Map<String, String> processorStreams = Map.of();

  @Override
  public Integer call() {
    requirePositive("--cancellations", cancellations);
    requirePositive("--customers", customers);
    requirePositive("--rate", rate);
    requirePositive("--baseline-runs", baselineRuns);
    requirePositive("--latency-seconds", latencySeconds);
    requirePositive("--stall-timeout", stallSeconds);
    if (warmupSeconds < 0) {
      throw new CommandFailure("--warmup-seconds must not be negative", 2);
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    try {
      work = Files.createTempDirectory("winback-bench-" + run + "-");
    } catch (IOException e) {
      throw new CommandFailure("cannot create a temp directory: " + e.getMessage());
    }
    Thread hook = new Thread(() -> {
      interrupted = true;
      cleanup();
    }, "winback-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Run result = bench(run);
      succeeded = true;
      printSummary(result);
      return 0;
    } catch (RuntimeException e) {
      if (interrupted) {
        throw new CommandFailure("interrupted; stopped the processor and the broker it had started");
      }
      if (e instanceof IllegalStateException || e instanceof LocalBrokerException || e instanceof UncheckedIOException) {
        throw new CommandFailure(e.getMessage());
      }
      throw e;
    } finally {
      cleanup();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running or has run
      }
    }
  }

  /** Everything measured, for the summary. */
  private record Run(String runId, String broker, BenchResult result, Baseline passthrough, Baseline floor,
      String floorWrites, String processorWrites, long pipelineCount, double pipelineSeconds, double pipelineOverall,
      Map<String, Long> tasksByTopic, List<Long> p99ByWindow, String processorMetrics, CpuSnapshot cpuRun,
      CpuSnapshot cpuPipeline, long latencyMeasured, long latencyExpected, long peakLiveMb, int heapSamples,
      Restore restore, Instant started, double loadBefore, double loadAfter) {}

  /** One run of an in-process baseline: its output, its application id, the bench topics' ends before and after it. */
  private record Attempt(OutputCounter output, String applicationId, Map<TopicPartition, Long> benchTopicsBefore,
      Map<TopicPartition, Long> benchTopicsAfter) {}

  /** A baseline's runs over the same input: the median one counts. */
  private record Baseline(Attempt median, List<Long> rates, CpuSnapshot cpuPerRun) {}

  /** The restore phase: what there was to restore and how long the new instance took. */
  private record Restore(RestoreProbe.Result probe, long cases, long changelogRecords, long changelogBytes,
      int staleMembers, double processorCpuSeconds) {}

  /** CPU seconds used so far: the machine (-1: unknown), the broker if started here, the processor, this JVM. */
  private record CpuSnapshot(long nanos, double machine, double broker, double processor, double self) {

    CpuSnapshot minus(CpuSnapshot earlier) {
      return new CpuSnapshot(nanos - earlier.nanos, machine < 0 || earlier.machine < 0 ? -1 : machine - earlier.machine,
          broker - earlier.broker, processor - earlier.processor, self - earlier.self);
    }

    /** The same with the processors' CPU seconds counted in from elsewhere (they have stopped by now). */
    CpuSnapshot withProcessor(double seconds) {
      return new CpuSnapshot(nanos, machine, broker, seconds, self);
    }

    /** The average of one of {@code runs} equal runs measured together. */
    CpuSnapshot dividedBy(int runs) {
      return new CpuSnapshot(nanos / runs, machine < 0 ? -1 : machine / runs, broker / runs, processor / runs,
          self / runs);
    }

    double wallSeconds() {
      return nanos / 1e9;
    }

    /** What the broker, the processor and this JVM used together. */
    double ours() {
      return broker + processor + self;
    }

    /** What everything else on the machine used; -1 when unknown. */
    double others() {
      return machine < 0 ? -1 : Math.max(0, machine - ours());
    }
  }

  private CpuSnapshot cpuNow(ProcessorChild processor) {
    LocalBrokerProcess started = broker;
    return new CpuSnapshot(System.nanoTime(), CpuUse.machineBusySeconds().orElse(-1),
        started == null ? 0 : CpuUse.processSeconds(started.pid()),
        processor == null ? 0 : CpuUse.processSeconds(processor.pid()), CpuUse.selfSeconds());
  }

  private Run bench(String run) {
    Instant started = Instant.now();
    Path jar = ProcessorChild.locateJar(home()); // before anything is started: fail fast when it is not built
    Map<String, String> streamsConfig = new java.util.LinkedHashMap<>(ProcessorStreamsConfig.of(jar));
    streamsConfig.putAll(streamsOverrides);
    processorStreams = streamsConfig;
    progress("run %s, temp directory %s", run, work);
    double load = loadAverage();
    progress(Locale.ROOT, "machine: %s; load average %.2f", machine(), load);
    if (load > Runtime.getRuntime().availableProcessors() / 2.0) {
      progress("WARNING: the machine is busy already; the figures will be lower than on an idle machine");
    }
    CpuSnapshot cpuStart = cpuNow(null);
    String bootstrap = startBroker();
    try (Admin admin = BenchKafka.admin(bootstrap)) {
      kafka.requireReachable(admin, bootstrap, Duration.ofSeconds(30));
      List<TopicSpec<?, ?>> topics = Stream.concat(Topics.ALL.stream(), Topics.BENCHMARK.stream()).toList();
      List<String> created = TopicProvisioner.ensure(admin, topics);
      progress("topics: %s", created.isEmpty() ? "all present" : "created " + created.size());

      BenchWorkload workload = new BenchWorkload(run, customers, SEED, Clock.systemUTC());
      Map<TopicPartition, Long> relationshipsStart = BenchKafka.endOffsets(admin, Topics.RELATIONSHIPS);
      publishRelationships(bootstrap, workload);
      Map<TopicPartition, Long> cancellationsStart = BenchKafka.endOffsets(admin, Topics.CANCELLATIONS);
      publishCancellations(bootstrap, workload);
      // The processor and the floor read this run's relationships and cancellations from their start.
      Map<TopicPartition, Long> inputsStart = new HashMap<>(relationshipsStart);
      inputsStart.putAll(cancellationsStart);

      Baseline passthrough = baseline("passthrough", Passthrough::topology, admin, bootstrap, run, cancellationsStart,
          List.of(Topics.BENCH_PASSTHROUGH), workload.keyPrefix(), String.format(Locale.ROOT,
              "Kafka Streams pass-through %s -> %s", Topics.CANCELLATIONS.name(), Topics.BENCH_PASSTHROUGH.name()));
      Baseline floor = baseline("floor", Floor::buildTopology, admin, bootstrap, run, inputsStart,
          Topics.BENCH_FLOOR_TASK_TOPICS, workload.keyPrefix(), "decode, relationship look-up and the four records"
              + " of a new case at their real sizes, to bench.floor.*");
      String floorWrites = floorWrites(admin, bootstrap, floor.median());
      progress("floor: per case %s", floorWrites);

      // The pipeline: the processor reads this run's relationships and cancellations from their start.
      String applicationId = "winback-bench-" + run;
      Map<TopicPartition, Long> processorStart = new HashMap<>(inputsStart);
      processorStart.putAll(BenchKafka.endOffsets(admin, List.of(Topics.FEEDBACK)));
      BenchKafka.commitStartOffsets(admin, applicationId, processorStart);
      Map<TopicPartition, Long> casesStart = BenchKafka.endOffsets(admin, Topics.CASES);
      OutputCounter tasks = register(new OutputCounter("tasks",
          BenchKafka.readCommittedConsumer(bootstrap, "winback-bench-tasks"),
          BenchKafka.endOffsets(admin, Topics.TASK_TOPICS), workload.keyPrefix())).start();
      int port = freePorts(1)[0];
      List<String> command = processorCommand(jar, bootstrap, applicationId, "processor-state", port, processorJvm());
      progress("pipeline: starting the churn processor (-Xmx%s, port %d, application id %s, log %s)",
          processorHeap, port, applicationId, work.resolve("churn-processor.log"));
      CpuSnapshot beforePipeline = cpuNow(null);
      ProcessorChild processor = register(ProcessorChild.start(command, port, work.resolve("churn-processor.log")));
      HeapSampler heap = register(new HeapSampler(processor)).start();
      tasks.awaitCount(cancellations, Duration.ofSeconds(stallSeconds), processor::deadReason, err, "pipeline");
      CpuSnapshot cpuPipeline = cpuNow(processor).minus(beforePipeline);
      double pipelineRate = tasks.sustainedPerSecond(cancellations);
      double pipelineOverall = tasks.perSecond();
      long pipelineCount = tasks.count();
      double pipelineSeconds = tasks.seconds();
      progress(Locale.ROOT, "pipeline: %,d tasks, sustained %,.0f/s (overall %,.0f/s, %.1f s from the first committed"
          + " batch to the last task)", pipelineCount, pipelineRate, pipelineOverall, pipelineSeconds);

      // Latency at a steady rate, once the processor has caught up with everything, case log included.
      processor.awaitReady(Duration.ofMinutes(3));
      awaitCaughtUp(admin, applicationId, processor);
      // What it has written for the N cases, to compare with the floor's: it is idle and all is committed.
      Map<String, Integer> changelogs = BenchKafka.changelogs(admin, applicationId);
      Map<TopicPartition, Long> caughtUp = BenchKafka.endOffsetsOf(admin,
          Stream.concat(changelogs.keySet().stream(), Stream.of(Topics.CASES.name())).toList());
      Map<String, WriteTally.Written> tasksWritten = tasks.writtenByTopic();
      long expected = steadyRate(bootstrap, workload, tasks);
      awaitLatencyRecords(tasks, expected, processor);
      Histogram latency = tasks.latency();
      heap.close();
      String metrics = processor.scrape(work.resolve("processor-metrics.prom"));
      tasks.close();

      // Restore: the processor stops, a new instance with an empty state directory takes over.
      progress("restore: stopping the churn processor");
      double processorCpu = CpuUse.processSeconds(processor.pid());
      processor.stop(Duration.ofSeconds(60));
      Map<TopicPartition, Long> fromStart = new HashMap<>(WriteTally.fromStart(changelogs));
      fromStart.putAll(casesStart);
      Map<String, WriteTally.Written> pipelineWritten = new TreeMap<>(WriteTally.read(bootstrap, fromStart, caughtUp,
          Duration.ofSeconds(stallSeconds)));
      Map<String, WriteTally.Written> changelogRecords = new TreeMap<>(pipelineWritten);
      changelogRecords.keySet().retainAll(changelogs.keySet());
      WriteTally.read(bootstrap, caughtUp, Duration.ofSeconds(stallSeconds)).forEach((topic, written) -> {
        if (changelogs.containsKey(topic)) {
          changelogRecords.merge(topic, written, WriteTally.Written::plus); // the latency phase's cases
        }
      });
      pipelineWritten.putAll(tasksWritten);
      String processorWrites = WritesPerCase.describe(WritesPerCase.byKind(pipelineWritten, applicationId,
          Topics.TASK_TOPICS.stream().map(TopicSpec::name).toList(), List.of("relationships")), cancellations);
      progress("pipeline: per case %s", processorWrites);
      // A case file is written once per case here (nothing happens to a case after its task), so its
      // changelog's records are the cases there are to restore.
      long cases = changelogRecords.getOrDefault(applicationId + "-cases-changelog",
          new WriteTally.Written(tasks.count(), 0, 0)).records();
      Restore restore = restore(admin, jar, bootstrap, applicationId, changelogRecords, cases);
      CpuSnapshot cpuRun = cpuNow(null).minus(cpuStart).withProcessor(processorCpu + restore.processorCpuSeconds());

      BenchResult result = new BenchResult(pipelineRate, passthrough.median().output().sustainedPerSecond(cancellations),
          floor.median().output().sustainedPerSecond(cancellations), latency.getValueAtPercentile(50),
          latency.getValueAtPercentile(99), latency.getMaxValue(), heap.peakHeapMb(), restore.probe().readySeconds(),
          cases);
      return new Run(run, bootstrap, result, passthrough, floor, floorWrites, processorWrites, pipelineCount,
          pipelineSeconds, pipelineOverall, tasks.countByTopic(), tasks.p99ByWindow(), metrics, cpuRun, cpuPipeline,
          tasks.latencyCount(), expected, heap.peakLiveMb(), heap.samples(), restore, started,
          load, loadAverage());
    }
  }

  /**
   * The processor's command line: the JVM options, its jar, this run's broker, application id,
   * state directory and port, and the --streams-property overrides.
   */
  private List<String> processorCommand(Path jar, String bootstrap, String applicationId, String stateDir, int port,
      List<String> jvmOptions) {
    List<String> command = ProcessorChild.command(Path.of(System.getProperty("java.home"), "bin", "java"),
        jvmOptions, jar, bootstrap, applicationId, work.resolve(stateDir), port);
    streamsOverrides.forEach((key, value) -> command.add("--" + ProcessorStreamsConfig.PREFIX + key + "=" + value));
    return command;
  }

  // ---------------------------------------------------------------------------------------------
  // Set-up

  private String startBroker() {
    if (kafka.isExplicit()) {
      progress("using the Kafka broker at %s (none started; it should be idle)", kafka.bootstrapServers());
      return kafka.bootstrapServers();
    }
    int[] ports = freePorts(2);
    LocalBrokerConfig config = new LocalBrokerConfig(work.resolve("kafka"), LocalBrokerConfig.DEFAULT_HOST,
        ports[0], ports[1], LocalBrokerConfig.DEFAULT_NODE_ID, LocalBrokerConfig.DEFAULT_PARTITIONS);
    progress("starting a fresh local broker on %s (log %s)", config.bootstrapServers(), config.brokerLog());
    LocalBrokerProcess started = LocalBrokerProcess.start(config);
    synchronized (this) {
      broker = started;
      if (closed) {
        started.stop(Duration.ofSeconds(10));
        throw new CommandFailure("interrupted");
      }
    }
    started.awaitReady(Duration.ofSeconds(90));
    return config.bootstrapServers();
  }

  private void publishRelationships(String bootstrap, BenchWorkload workload) {
    long start = System.nanoTime();
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<String, CustomerRelationship> producer = new KafkaProducer<>(
        BenchKafka.bulkProducer(bootstrap, "winback-bench-relationships"),
        Topics.RELATIONSHIPS.keySerde().serializer(), Topics.RELATIONSHIPS.valueSerde().serializer())) {
      for (CustomerRelationship customer : workload.customers()) {
        producer.send(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customer.getCustomerId(), customer),
            (metadata, error) -> failed.compareAndSet(null, error));
      }
      producer.flush();
    }
    requireSent(failed, "relationships");
    progress(Locale.ROOT, "published %,d relationships in %.1f s", workload.customers().size(),
        (System.nanoTime() - start) / 1e9);
  }

  private void publishCancellations(String bootstrap, BenchWorkload workload) {
    long start = System.nanoTime();
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<String, CancellationEvent> producer = new KafkaProducer<>(
        BenchKafka.bulkProducer(bootstrap, "winback-bench-cancellations"),
        Topics.CANCELLATIONS.keySerde().serializer(), Topics.CANCELLATIONS.valueSerde().serializer())) {
      for (int i = 0; i < cancellations; i++) {
        CancellationEvent event = workload.nextCancellation();
        producer.send(new ProducerRecord<>(Topics.CANCELLATIONS.name(), event.getCustomerId(), event),
            (metadata, error) -> failed.compareAndSet(null, error));
      }
      producer.flush();
    }
    requireSent(failed, "cancellations");
    progress(Locale.ROOT, "published %,d cancellations in %.1f s", cancellations, (System.nanoTime() - start) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------
  // Phases

  /**
   * {@code --baseline-runs} runs of an in-process Kafka Streams baseline over the same input, each
   * with its own application id; the run with the median sustained rate (the lower middle one for
   * an even count) counts.
   */
  private Baseline baseline(String name, Supplier<Topology> topology, Admin admin, String bootstrap, String run,
      Map<TopicPartition, Long> start, List<? extends TopicSpec<?, ?>> outputs, String keyPrefix,
      String description) {
    progress("%s: %s, with the processor's Streams properties %s", name, description, processorStreams);
    CpuSnapshot before = cpuNow(null);
    List<Attempt> attempts = new ArrayList<>();
    for (int attempt = 1; attempt <= baselineRuns; attempt++) {
      attempts.add(baselineRun(name, topology.get(), admin, bootstrap, run + "-" + attempt, start, outputs,
          keyPrefix));
    }
    // CPU per run, so that its per-record figure compares with the pipeline's single run.
    CpuSnapshot cpuPerRun = cpuNow(null).minus(before).dividedBy(baselineRuns);
    List<Attempt> sorted = new ArrayList<>(attempts);
    sorted.sort(Comparator.comparingDouble(attempt -> attempt.output().sustainedPerSecond(cancellations)));
    List<Long> rates = attempts.stream()
        .map(attempt -> Math.round(attempt.output().sustainedPerSecond(cancellations))).toList();
    if (baselineRuns > 1) {
      progress(Locale.ROOT, "%s: sustained %s/s in %d runs; the median counts", name, rates, baselineRuns);
    }
    return new Baseline(sorted.get((sorted.size() - 1) / 2), rates, cpuPerRun);
  }

  private Attempt baselineRun(String name, Topology topology, Admin admin, String bootstrap, String run,
      Map<TopicPartition, Long> start, List<? extends TopicSpec<?, ?>> outputs, String keyPrefix) {
    String applicationId = "winback-bench-" + name + "-" + run;
    BenchKafka.commitStartOffsets(admin, applicationId, start);
    Map<TopicPartition, Long> benchTopicsBefore = BenchKafka.endOffsets(admin, Topics.BENCHMARK);
    OutputCounter output = register(new OutputCounter(name,
        BenchKafka.readCommittedConsumer(bootstrap, "winback-bench-" + name),
        BenchKafka.endOffsets(admin, outputs), keyPrefix)).start();
    Properties config = Passthrough.config(bootstrap, applicationId, work.resolve(name + "-state"),
        processorStreams);
    AtomicReference<Throwable> error = new AtomicReference<>();
    KafkaStreams streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(exception -> {
      error.compareAndSet(null, exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    register(() -> streams.close(Duration.ofSeconds(30)));
    streams.start();
    output.awaitCount(cancellations, Duration.ofSeconds(stallSeconds),
        () -> error.get() == null ? null : "the " + name + " failed: " + error.get(), err, name);
    progress(Locale.ROOT, "%s: %,d records, sustained %,.0f/s (overall %,.0f/s, %.1f s from the first committed"
        + " batch to the last record)", name, output.count(), output.sustainedPerSecond(cancellations),
        output.perSecond(), output.seconds());
    streams.close(Duration.ofSeconds(30)); // its state directory goes with the temp directory
    output.close();
    return new Attempt(output, applicationId, benchTopicsBefore, BenchKafka.endOffsets(admin, Topics.BENCHMARK));
  }

  /** What the floor's median run wrote per case, from its tasks (counted already), case updates and changelogs. */
  private String floorWrites(Admin admin, String bootstrap, Attempt floor) {
    Map<TopicPartition, Long> from = new HashMap<>(WriteTally.fromStart(
        BenchKafka.changelogs(admin, floor.applicationId())));
    floor.benchTopicsBefore().forEach((partition, offset) -> {
      if (partition.topic().equals(Topics.BENCH_FLOOR_CASES.name())) {
        from.put(partition, offset);
      }
    });
    Map<String, WriteTally.Written> written = new TreeMap<>(WriteTally.read(bootstrap, from, floor.benchTopicsAfter(),
        Duration.ofSeconds(stallSeconds)));
    written.putAll(floor.output().writtenByTopic());
    return WritesPerCase.describe(WritesPerCase.byKind(written, floor.applicationId(),
        Topics.BENCH_FLOOR_TASK_TOPICS.stream().map(TopicSpec::name).toList(), List.of(Floor.RELATIONSHIPS_STORE)),
        cancellations);
  }

  /**
   * A new processor instance, same application id, empty state directory, the first one stopped
   * and out of the group: how long from its launch until it has restored the changelogs and is ready.
   */
  private Restore restore(Admin admin, Path jar, String bootstrap, String applicationId,
      Map<String, WriteTally.Written> changelogRecords, long cases) {
    int stale = BenchKafka.removeMembers(admin, applicationId);
    if (stale > 0) {
      progress("restore: removed the %d member(s) the stopped processor left in its group (they would hold its"
          + " partitions until their session timed out)", stale);
    }
    long records = 0;
    long bytes = 0;
    for (WriteTally.Written changelog : changelogRecords.values()) {
      records += changelog.records();
      bytes += changelog.bytes();
    }
    int port = freePorts(1)[0];
    List<String> command = processorCommand(jar, bootstrap, applicationId, "restore-state", port, restoreJvm());
    Path log = work.resolve("churn-processor-restore.log");
    progress(Locale.ROOT, "restore: starting a new churn processor, empty state directory, same application id (port"
        + " %d, log %s), to restore %,d cases: %,d changelog records, %.1f MB", port, log, cases, records,
        bytes / 1e6);
    long launched = System.nanoTime();
    ProcessorChild instance = register(ProcessorChild.start(command, port, log));
    RestoreProbe.Result probe = RestoreProbe.await(instance, launched, records,
        Duration.ofSeconds(Math.max(stallSeconds, 60)), err);
    double cpu = CpuUse.processSeconds(instance.pid());
    progress(Locale.ROOT, "restore: ready %.1f s after the launch (%,d records restored)", probe.readySeconds(),
        probe.restoredRecords());
    instance.stop(Duration.ofSeconds(60));
    return new Restore(probe, cases, records, bytes, stale, cpu);
  }

  private void awaitCaughtUp(Admin admin, String applicationId, ProcessorChild processor) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long lastReport = 0;
    while (true) {
      long lag = BenchKafka.lag(admin, applicationId, PROCESSOR_INPUTS);
      if (lag == 0) {
        progress("latency: the processor has caught up (no lag on its inputs)");
        return;
      }
      String dead = processor.deadReason();
      if (dead != null) {
        throw new CommandFailure(dead);
      }
      if (System.nanoTime() > deadline) {
        throw new CommandFailure("the processor had not caught up after 5 minutes (lag " + lag + ")");
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
        progress(Locale.ROOT, "latency: waiting for the processor to catch up (lag %,d)", lag);
        lastReport = System.nanoTime();
      }
      OutputCounter.sleep(500);
    }
  }

  /**
   * Sends warm-up plus measured cancellations on a constant-rate schedule, each stamped with its
   * due time; returns how many are measured.
   */
  private long steadyRate(String bootstrap, BenchWorkload workload, OutputCounter tasks) {
    RateSchedule schedule = new RateSchedule(rate);
    long warmup = schedule.count(warmupSeconds);
    long measured = schedule.count(latencySeconds);
    long total = warmup + measured;
    progress(Locale.ROOT, "latency: %,d cancellations at %,d/s: %d s warm-up, then %d s measured", total, rate,
        warmupSeconds, latencySeconds);
    AtomicReference<Exception> failed = new AtomicReference<>();
    AtomicLong behindMax = new AtomicLong();
    try (KafkaProducer<String, CancellationEvent> producer = new KafkaProducer<>(
        BenchKafka.steadyProducer(bootstrap),
        Topics.CANCELLATIONS.keySerde().serializer(), Topics.CANCELLATIONS.valueSerde().serializer())) {
      long startNanos = System.nanoTime();
      long startMillis = System.currentTimeMillis();
      tasks.measureLatencyFrom(schedule.dueMillis(startMillis, warmup));
      long lastReport = startNanos;
      for (long i = 0; i < total; i++) {
        CancellationEvent event = workload.nextCancellation();
        long due = startNanos + schedule.dueNanos(i);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        behindMax.accumulateAndGet(-wait, Math::max);
        producer.send(new ProducerRecord<>(Topics.CANCELLATIONS.name(), null, schedule.dueMillis(startMillis, i),
            event.getCustomerId(), event), (metadata, error) -> failed.compareAndSet(null, error));
        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
          progress(Locale.ROOT, "latency: sent %,d of %,d", i + 1, total);
          lastReport = System.nanoTime();
        }
      }
      producer.flush();
    }
    requireSent(failed, "steady-rate cancellations");
    if (behindMax.get() > TimeUnit.MILLISECONDS.toNanos(50)) {
      progress(Locale.ROOT, "latency: the sender fell up to %d ms behind its schedule (counted in the latency)",
          TimeUnit.NANOSECONDS.toMillis(behindMax.get()));
    }
    return measured;
  }

  private void awaitLatencyRecords(OutputCounter tasks, long expected, ProcessorChild processor) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (tasks.latencyCount() < expected && System.nanoTime() < deadline && processor.deadReason() == null) {
      OutputCounter.sleep(50);
    }
    if (tasks.latencyCount() < expected) {
      progress(Locale.ROOT, "latency: WARNING only %,d of %,d measured tasks arrived within 60 s after the last send",
          tasks.latencyCount(), expected);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  private void printSummary(Run run) {
    err.flush();
    BenchResult result = run.result();
    out.println();
    out.printf(Locale.ROOT, "Winback benchmark, run %s, %s%n", run.runId(), run.started());
    out.printf(Locale.ROOT, "  machine      %s; load average %.2f before, %.2f after%n", machine(),
        run.loadBefore(), run.loadAfter());
    out.printf(Locale.ROOT, "  broker       %s%n", broker != null
        ? "fresh local KRaft broker " + run.broker() + " (child JVM, -Xmx512m), same machine"
        : "external broker " + run.broker());
    out.printf(Locale.ROOT, "  workload     %,d customers, %,d cancellations, %d partitions%n", customers,
        cancellations, Topics.CANCELLATIONS.partitions());
    out.printf(Locale.ROOT, "  streams cfg  all three: %s%n", processorStreams);
    printBaseline("passthrough", run.passthrough(), result.passthroughRate(),
        "Kafka Streams pass-through in the bench JVM");
    printBaseline("floor", run.floor(), result.floorRate(),
        "Kafka Streams in the bench JVM: decode, relationship look-up, the records of a new case");
    out.printf(Locale.ROOT, "  pipeline     %,d tasks in %.1f s: sustained %,.0f/s, overall %,.0f/s (churn-processor,"
        + " %s)%n", run.pipelineCount(), run.pipelineSeconds(), result.pipelineRate(), run.pipelineOverall(),
        String.join(" ", processorJvm()));
    out.printf(Locale.ROOT, "               (sustained: after the first %.0f%% of the records, i.e. without start-up"
        + " and JIT warm-up)%n", Throughput.WARM_UP_FRACTION * 100);
    out.printf(Locale.ROOT, "  tasks        %s (whole run)%n", run.tasksByTopic());
    out.printf(Locale.ROOT, "  writes/case  pipeline %s%n", run.processorWrites());
    out.printf(Locale.ROOT, "               floor    %s%n", run.floorWrites());
    out.printf(Locale.ROOT, "  ratio        pipeline/passthrough %s, pipeline/floor %s%n", result.ratioText(),
        result.floorRatioText());
    out.printf(Locale.ROOT, "  latency      %,d of %,d tasks at %,d/s: p50 %d ms, p99 %d ms, max %d ms%n",
        run.latencyMeasured(), run.latencyExpected(), rate, result.p50Millis(), result.p99Millis(),
        result.maxMillis());
    out.printf(Locale.ROOT, "               p99 by %d s window: %s ms%n", OutputCounter.WINDOW_MILLIS / 1000,
        run.p99ByWindow());
    out.printf(Locale.ROOT, "  heap         peak used %d MB%s (%d samples, one a second)%n", result.heapMb(),
        run.peakLiveMb() > 0 ? ", peak live data after GC " + run.peakLiveMb() + " MB" : "", run.heapSamples());
    if (run.processorMetrics() != null) {
      out.printf(Locale.ROOT, "  streams      processor commit latency avg %s ms, max %s ms (Kafka Streams, last minute)%n",
          figure(PrometheusText.sum(run.processorMetrics(), "kafka_stream_thread_commit_latency_avg", null)),
          figure(PrometheusText.sum(run.processorMetrics(), "kafka_stream_thread_commit_latency_max", null)));
    }
    Restore restore = run.restore();
    RestoreProbe.Result probe = restore.probe();
    out.printf(Locale.ROOT, "  restore      %,d cases (%,d changelog records, %.1f MB) by a new instance: ready %.1f s"
        + " after its launch%n", restore.cases(), restore.changelogRecords(), restore.changelogBytes() / 1e6,
        probe.readySeconds());
    out.printf(Locale.ROOT, "               HTTP up at %s s, restoring from %s s; %s records restored;"
        + " %.0f CPU s%s%n", seconds(probe.httpSeconds()), seconds(probe.restoringSeconds()),
        probe.restoredRecords() < 0 ? "?" : String.format(Locale.ROOT, "%,d", probe.restoredRecords()),
        restore.processorCpuSeconds(), restore.staleMembers() > 0
            ? "; " + restore.staleMembers() + " stale member(s) of the stopped instance removed first" : "");
    out.printf(Locale.ROOT, "               steps: %s%n", String.join("; ", probe.steps()));
    if (probe.earlyReadyMillis() > 0) {
      out.printf(Locale.ROOT, "               (readiness said 200 %d ms before the changelogs were read; not counted"
          + " as ready)%n", probe.earlyReadyMillis());
    }
    CpuSnapshot cpu = run.cpuRun();
    out.printf(Locale.ROOT, "  cpu          run of %.0f s: processors %.0f s (restore %.0f s), broker %.0f s, bench JVM"
        + " (baselines, producers, consumers) %.0f s%s%n", cpu.wallSeconds(), cpu.processor(),
        restore.processorCpuSeconds(), cpu.broker(), cpu.self(),
        cpu.others() < 0 ? "" : String.format(Locale.ROOT, ", other processes %.0f s", cpu.others()));
    CpuSnapshot passthroughCpu = run.passthrough().cpuPerRun();
    CpuSnapshot floorCpu = run.floor().cpuPerRun();
    CpuSnapshot pipelineCpu = run.cpuPipeline();
    double perRecord = 1000.0 / cancellations;
    out.printf(Locale.ROOT, "  cpu/record   passthrough %.3f ms (bench JVM %.3f + broker %.3f); floor %.3f ms (bench JVM"
        + " %.3f + broker %.3f)%n", passthroughCpu.ours() * perRecord, passthroughCpu.self() * perRecord,
        passthroughCpu.broker() * perRecord, floorCpu.ours() * perRecord, floorCpu.self() * perRecord,
        floorCpu.broker() * perRecord);
    out.printf(Locale.ROOT, "               pipeline %.3f ms (processor %.3f + broker %.3f + bench JVM %.3f; processor"
        + " start-up included)%n", pipelineCpu.ours() * perRecord, pipelineCpu.processor() * perRecord,
        pipelineCpu.broker() * perRecord, pipelineCpu.self() * perRecord);
    if (cpu.others() > 0.1 * cpu.wallSeconds()) {
      out.printf(Locale.ROOT, "  WARNING      other processes used %.1f of %d CPUs on average during the run: the figures"
          + " are lower than on a quiet machine%n", cpu.others() / cpu.wallSeconds(),
          Runtime.getRuntime().availableProcessors());
    }
    out.println(result.targetsLine());
    out.println(result.line());
    out.flush();
  }

  private void printBaseline(String name, Baseline baseline, double rate, String what) {
    OutputCounter median = baseline.median().output();
    out.printf(Locale.ROOT, "  %-12s %,d records in %.1f s: sustained %,.0f/s, overall %,.0f/s (%s)%n", name,
        median.count(), median.seconds(), rate, median.perSecond(), what);
    if (baseline.rates().size() > 1) {
      out.printf(Locale.ROOT, "               the median of %d runs over the same input, sustained %s/s%n",
          baseline.rates().size(), baseline.rates());
    }
  }

  private static String seconds(double value) {
    return value < 0 ? "?" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String figure(java.util.OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.0f", value.getAsDouble()) : "?";
  }

  static String machine() {
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return String.format(Locale.ROOT, "%d CPUs, %.1f GiB RAM, %s %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(), memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"));
  }

  private void progress(String format, Object... args) {
    progress(Locale.ROOT, format, args);
  }

  private void progress(Locale locale, String format, Object... args) {
    err.println("bench: " + String.format(locale, format, args));
    err.flush();
  }

  // ---------------------------------------------------------------------------------------------
  // Children and clean-up

  private synchronized <T extends AutoCloseable> T register(T resource) {
    if (closed) {
      closeQuietly(resource);
      throw new CommandFailure("interrupted");
    }
    running.add(resource);
    return resource;
  }

  /** Stops everything started, newest first, then the broker; idempotent, also run by the shutdown hook. */
  private synchronized void cleanup() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> reversed = new ArrayList<>(running);
    java.util.Collections.reverse(reversed);
    reversed.forEach(BenchCommand::closeQuietly);
    running.clear();
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
    if (work != null) {
      if ((succeeded || interrupted) && !keepData) {
        deleteRecursively(work);
      } else {
        err.println("bench: kept " + work + " (broker data and logs)");
        err.flush();
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception ignored) {
      // best effort while stopping
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private List<String> processorJvm() {
    List<String> options = new ArrayList<>();
    options.add("-Xmx" + processorHeap);
    for (String option : processorJvmOptions.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        options.add(option);
      }
    }
    return options;
  }

  /**
   * The restore instance's JVM options: the processor's, less a flight recording, which would
   * overwrite the first instance's file.
   */
  private List<String> restoreJvm() {
    return processorJvm().stream().filter(option -> !option.startsWith("-XX:StartFlightRecording")).toList();
  }

  /** The one-minute load average, or -1 where the platform does not tell. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The repository root: set by the ./winback script, else the working directory. */
  static Path home() {
    String home = System.getenv("WINBACK_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  /** Ports free right now on the loopback address, all different. */
  static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new CommandFailure("cannot find a free port: " + e.getMessage());
    } finally {
      sockets.forEach(BenchCommand::closeQuietly);
    }
  }

  private static void requireSent(AtomicReference<Exception> failed, String what) {
    if (failed.get() != null) {
      throw new CommandFailure("publishing the " + what + " failed: " + failed.get().getMessage());
    }
  }

  private static void requirePositive(String option, int value) {
    if (value < 1) {
      throw new CommandFailure(option + " must be at least 1, not " + value, 2);
    }
  }
}
