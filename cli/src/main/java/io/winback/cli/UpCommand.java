package io.winback.cli;

import io.winback.cli.broker.LocalBrokerConfig;
import io.winback.cli.broker.LocalBrokerException;
import io.winback.cli.broker.LocalBrokerProcess;
import io.winback.cli.demo.DemoFeeder;
import io.winback.cli.up.ServiceDescriptor;
import io.winback.cli.up.ServiceProcess;
import io.winback.schemas.topics.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Starts the local Kafka broker (unless KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers names one),",
        "creates the catalogue's topics, starts every service under services/, waits until each is ready",
        "and prints their URLs. Ctrl-C (or SIGTERM) stops everything cleanly; the broker's data stays in",
        ".winback-data/ for the next run."})
public class UpCommand implements Callable<Integer> {

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

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the local broker keeps its data (default: .winback-data in the repository).")
  Path dataDir;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  private final PrintStream out = System.out;
  private final List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile LocalBrokerProcess broker;
  private volatile DemoFeeder feeder;

  @Override
  public Integer call() throws InterruptedException {
    Path home = WinbackHome.directory();
    Path data = dataDir != null ? dataDir : home.resolve(".winback-data");
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "winback-shutdown"));
    String bootstrap = startBroker(data);
    try (Admin admin = kafka.adminFor(bootstrap)) {
      kafka.requireReachable(admin, bootstrap, Duration.ofSeconds(30));
      List<String> created = TopicProvisioner.ensureAll(admin);
      out.printf("topics: %s%n", created.isEmpty() ? "all catalogue topics present" : "created " + created);
    }
    for (ServiceDescriptor service : ServiceDescriptor.discover(home.resolve("services"))) {
      out.printf("starting %s on port %d ...%n", service.name(), service.port());
      ServiceProcess process = ServiceProcess.start(service, bootstrap, data.resolve("logs"));
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

  private void printReady(String bootstrap, Path data) {
    out.println();
    out.println("Winback is ready.");
    out.printf("  %-18s %s%s%n", "Kafka broker", bootstrap,
        broker == null ? "" : "  (log: " + broker.config().brokerLog() + ")");
    for (ServiceProcess service : services) {
      out.printf("  %-18s %s  (log: %s)%n", service.service().name(), service.service().url(), service.log());
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /** Stops what was started, in reverse: the demo, the services, then the broker they need. */
  private void shutdown() {
    if (stopped.getCount() == 0) {
      return;
    }
    out.println("stopping Winback ...");
    if (feeder != null) {
      feeder.close();
    }
    List<ServiceProcess> reversed = new ArrayList<>(services);
    Collections.reverse(reversed);
    reversed.forEach(service -> service.stop(Duration.ofSeconds(30)));
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
    out.println("Winback stopped.");
    out.flush();
    stopped.countDown();
  }
}
