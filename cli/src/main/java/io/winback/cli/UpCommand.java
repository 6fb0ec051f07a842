package io.winback.cli;

import io.winback.cli.broker.LocalBrokerConfig;
import io.winback.cli.broker.LocalBrokerException;
import io.winback.cli.broker.LocalBrokerProcess;
import io.winback.cli.demo.DemoFeeder;
import io.winback.cli.up.ServiceDescriptor;
import io.winback.cli.up.SupervisedService;
import io.winback.local.LocalPostgres;
import io.winback.local.LocalPostgresConfig;
import io.winback.local.LocalRuntimeException;
import io.winback.schemas.topics.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Starts the local Kafka broker (unless KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers names one)",
        "and a local PostgreSQL (unless SPRING_DATASOURCE_URL names one), creates the catalogue's topics,",
        "starts every service under services/ with the Spring profile 'embedded', waits until each is",
        "ready and prints their URLs. A service that dies is started again after a pause that grows",
        "from 1 s to 30 s (back to 1 s once it has stayed ready for a minute), as an orchestrator would.",
        "Ctrl-C (or SIGTERM) stops everything cleanly, restarts included; the broker's and the",
        "database's data stay in .winback-data/ for the next run."})
public class UpCommand implements Callable<Integer> {

  static final String DATASOURCE_URL = "SPRING_DATASOURCE_URL";
  static final String PROFILES = "SPRING_PROFILES_ACTIVE";
  /** The services' settings for this local, demo-only setup live in their application-embedded.yml. */
  static final String EMBEDDED_PROFILE = "embedded";

  @Option(names = "--demo", description = "Also feed demo customers and a trickle of cancellations.")
  boolean demo;

  @Option(names = "--demo-customers", paramLabel = "N", defaultValue = "60",
      description = "Demo customers to publish (default: ${DEFAULT-VALUE}).")
  int demoCustomers;

  @Option(names = "--demo-interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds between demo cancellations (default: ${DEFAULT-VALUE}).")
  int demoIntervalSeconds;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
      description = "Port of the local broker (default: ${DEFAULT-VALUE}); the controller takes the next one.")
  int port;

  @Option(names = "--pg-port", paramLabel = "PORT", defaultValue = "5433",
      description = "Port of the local PostgreSQL on 127.0.0.1 (default: ${DEFAULT-VALUE}, beside a system"
          + " cluster on 5432); not used when SPRING_DATASOURCE_URL is set.")
  int pgPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the local broker and PostgreSQL keep their data (default: .winback-data in the repository).")
  Path dataDir;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  private final PrintStream out = System.out;
  private final List<SupervisedService> services = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile LocalBrokerProcess broker;
  private volatile LocalPostgres postgres;
  private volatile String databaseUrl;
  private volatile DemoFeeder feeder;

  @Override
  public Integer call() throws InterruptedException {
    Path home = WinbackHome.directory();
    Path data = dataDir != null ? dataDir : home.resolve(".winback-data");
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "winback-shutdown"));
    String bootstrap = startBroker(data);
    Map<String, String> database = startDatabase(data);
    try (Admin admin = kafka.adminFor(bootstrap)) {
      kafka.requireReachable(admin, bootstrap, Duration.ofSeconds(30));
      List<String> created = TopicProvisioner.ensureAll(admin);
      out.printf("topics: %s%n", created.isEmpty() ? "all catalogue topics present" : "created " + created);
    }
    for (ServiceDescriptor service : ServiceDescriptor.discover(home.resolve("services"))) {
      out.printf("starting %s on port %d ...%n", service.name(), service.port());
      SupervisedService process = SupervisedService.start(service, bootstrap, data.resolve("logs"),
          environmentFor(service, database), out);
      services.add(process);
      process.awaitReady(Duration.ofMinutes(3));
    }
    printReady(bootstrap, data);
    if (demo) {
      feeder = new DemoFeeder(bootstrap, demoCustomers, Duration.ofSeconds(demoIntervalSeconds), out);
      feeder.start();
    }
    stopped.await();
    return 0;
  }

  private String startBroker(Path data) {
    if (kafka.isExplicit()) {
      out.printf("using the Kafka broker at %s (none started)%n", kafka.bootstrapServers());
      return kafka.bootstrapServers();
    }
    LocalBrokerConfig config = LocalBrokerConfig.of(data.resolve("kafka"), port);
    out.printf("starting the local Kafka broker on %s (data in %s) ...%n", config.bootstrapServers(), config.dataDir());
    try {
      broker = LocalBrokerProcess.start(config);
      broker.awaitReady(Duration.ofSeconds(90));
    } catch (LocalBrokerException e) {
      throw new CommandFailure(e.getMessage());
    }
    return config.bootstrapServers();
  }

  /**
   * The local PostgreSQL, unless the caller's environment names a database: then its
   * SPRING_DATASOURCE_* reach the services as they are, and no server is started.
   *
   * @return the SPRING_DATASOURCE_* settings to hand to services that declare {@code database=true}
   */
  private Map<String, String> startDatabase(Path data) {
    String callers = System.getenv(DATASOURCE_URL);
    if (callers != null && !callers.isBlank()) {
      out.printf("using the PostgreSQL at %s from %s (none started)%n", callers, DATASOURCE_URL);
      databaseUrl = callers;
      return Map.of();
    }
    LocalPostgresConfig config = LocalPostgresConfig.of(data.resolve("postgres"), pgPort);
    String url = config.jdbcUrl(config.database());
    out.printf("starting the local PostgreSQL on %s (data in %s) ...%n", url, config.dataDir());
    try {
      postgres = LocalPostgres.start(config);
    } catch (LocalRuntimeException e) {
      throw new CommandFailure("PostgreSQL: " + e.getMessage());
    }
    databaseUrl = url;
    return Map.of(DATASOURCE_URL, url,
        "SPRING_DATASOURCE_USERNAME", postgres.username(),
        "SPRING_DATASOURCE_PASSWORD", postgres.password());
  }

  /** The database settings for services that need them, and the profile for the embedded setup's settings. */
  private static Map<String, String> environmentFor(ServiceDescriptor service, Map<String, String> database) {
    Map<String, String> environment = new HashMap<>();
    if (service.database()) {
      environment.putAll(database);
    }
    environment.put(PROFILES, withProfile(System.getenv(PROFILES), EMBEDDED_PROFILE));
    return environment;
  }

  /** {@code profile} added to the caller's active profiles, if any. */
  static String withProfile(String active, String profile) {
    if (active == null || active.isBlank()) {
      return profile;
    }
    List<String> profiles = List.of(active.split("\\s*,\\s*"));
    return profiles.contains(profile) ? active : active.strip() + "," + profile;
  }

  private void printReady(String bootstrap, Path data) {
    out.println();
    out.println("Winback is ready.");
    out.printf("  %-18s %s%s%n", "Kafka broker", bootstrap,
        broker == null ? "" : "  (log: " + broker.config().brokerLog() + ")");
    out.printf("  %-18s %s%s%n", "PostgreSQL", databaseUrl,
        postgres == null ? "" : "  (user " + postgres.username() + ", log: " + postgres.log() + ")");
    for (SupervisedService service : services) {
      out.printf("  %-18s %s  (log: %s)%n", service.service().name(), service.service().url(), service.log());
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /**
   * Stops what was started, in reverse: the demo, the services (their supervision first, so none is
   * started again), then the database and the broker they need.
   */
  private void shutdown() {
    if (stopped.getCount() == 0) {
      return;
    }
    out.println("stopping Winback ...");
    if (feeder != null) {
      feeder.close();
    }
    List<SupervisedService> reversed = new ArrayList<>(services);
    Collections.reverse(reversed);
    reversed.forEach(service -> service.stop(Duration.ofSeconds(30)));
    if (postgres != null) {
      postgres.stop();
    }
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
    out.println("Winback stopped.");
    out.flush();
    stopped.countDown();
  }
}
