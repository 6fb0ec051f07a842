package io.winback.cli.chaos;

import io.winback.cli.CommandFailure;
import io.winback.cli.broker.LocalBrokerConfig;
import io.winback.cli.broker.LocalBrokerException;
import io.winback.cli.broker.LocalBrokerProcess;
import io.winback.cli.up.ServiceDescriptor;
import io.winback.local.LocalPostgres;
import io.winback.local.LocalPostgresConfig;
import io.winback.local.LocalRuntimeException;
import io.winback.schemas.topics.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole system on this machine, as the chaos run needs it: a fresh local broker and a fresh
 * PostgreSQL in a temp directory, the recording SMTP server, two churn processors and two desks
 * (their jars from {@code services/*}{@code /target}), and the faults it can suffer. Like an
 * orchestrator it also restarts a service that died on its own or whose liveness probe fails, and
 * counts those restarts (they are reported, not hidden).
 */
final class ChaosStack implements AutoCloseable {

  static final String PROCESSOR = "churn-processor";
  static final String DESK = "outreach-desk";
  private static final Duration READY = Duration.ofMinutes(5);
  private static final Duration WATCH = Duration.ofSeconds(5);
  private static final int LIVENESS_FAILURES = 3;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path work;
  private final PrintStream out;
  private final LocalBrokerConfig brokerConfig;
  private final Duration consentMaxStaleness;
  private volatile LocalBrokerProcess broker;
  private LocalPostgres postgres;
  private RecordingSmtpServer smtp;
  private final List<ServiceInstance> processors = new ArrayList<>();
  private final List<ServiceInstance> desks = new ArrayList<>();
  private final Set<ServiceInstance> planned = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger unplannedRestarts = new AtomicInteger();
  private volatile boolean watching;
  private Thread watchdog;

  private ChaosStack(Path work, PrintStream out, Duration consentMaxStaleness) {
    this.work = work;
    this.out = out;
    this.consentMaxStaleness = consentMaxStaleness;
    int brokerPort = freePortAndNext();
    this.brokerConfig = LocalBrokerConfig.of(work.resolve("kafka"), brokerPort);
  }

  /** Starts everything and returns once every service is ready. */
  static ChaosStack start(Path home, Path work, PrintStream out, Duration consentMaxStaleness) {
    Path processorJar = jar(home, PROCESSOR);
    Path deskJar = jar(home, DESK);
    ChaosStack stack = new ChaosStack(work, out, consentMaxStaleness);
    try {
      stack.startInfrastructure();
      stack.startServices(processorJar, deskJar);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  String bootstrapServers() {
    return brokerConfig.bootstrapServers();
  }

  List<ServiceInstance> processors() {
    return processors;
  }

  List<ServiceInstance> desks() {
    return desks;
  }

  int unplannedRestarts() {
    return unplannedRestarts.get();
  }

  /** The services as an orchestrator watches them: a dead process, or one whose liveness says DOWN, is started again. */
  void watch() {
    watching = true;
    watchdog = new Thread(this::watchLoop, "chaos-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  // ---- faults --------------------------------------------------------------------------------

  /** SIGKILL to a processor instance; started again after a second, as an orchestrator's back-off would; returns once ready. */
  void killProcessor(int index) {
    ServiceInstance processor = processors.get(index);
    planned.add(processor);
    try {
      synchronized (processor) { // not while the watchdog is restarting it
        long pid = processor.pid();
        processor.kill();
        say("  %s (pid %d) killed with SIGKILL", processor.name(), pid);
        sleep(Duration.ofSeconds(1));
        processor.start();
      }
      processor.awaitReady(READY);
    } finally {
      planned.remove(processor);
    }
  }

  /** The broker stopped: cleanly (SIGTERM, it finishes its log segments) or killed (SIGKILL: log recovery on start). */
  void restartBroker(boolean kill) {
    LocalBrokerProcess running = broker;
    if (kill) {
      ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroyForcibly);
      while (running.isAlive()) {
        sleep(Duration.ofMillis(100));
      }
    } else {
      running.stop(Duration.ofSeconds(60));
    }
    say("  broker %s", kill ? "killed with SIGKILL" : "stopped cleanly");
    startBroker();
  }

  void smtpOutage(Duration outage) {
    smtp.goDown();
    say("  SMTP server refuses connections for %d s", outage.toSeconds());
    sleep(outage);
    smtp.comeBack();
  }

  void restartPostgres() {
    postgres.restart();
  }

  RecordingSmtpServer smtp() {
    return smtp;
  }

  /** taskIds the desks recorded as {@code sent_email.resent_in_doubt}: the mails sent a second time in their crash window. */
  Set<String> resentInDoubt() {
    Set<String> tasks = new HashSet<>();
    LocalPostgresConfig config = postgres.config();
    try (Connection connection = DriverManager.getConnection(config.jdbcUrl(config.database()), config.username(),
        config.password());
         Statement sql = connection.createStatement();
         ResultSet rows = sql.executeQuery("SELECT task_id FROM sent_email WHERE resent_in_doubt")) {
      while (rows.next()) {
        tasks.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new CommandFailure("cannot read the desks' sent_email table: " + e.getMessage());
    }
    return tasks;
  }

  @Override
  public void close() {
    watching = false;
    if (watchdog != null) {
      watchdog.interrupt();
    }
    for (ServiceInstance desk : desks) {
      desk.stop(Duration.ofSeconds(30));
    }
    for (ServiceInstance processor : processors) {
      processor.stop(Duration.ofSeconds(30));
    }
    if (smtp != null) {
      smtp.close();
    }
    if (postgres != null) {
      postgres.stop();
    }
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
  }

  // ---- start ---------------------------------------------------------------------------------

  private void startInfrastructure() {
    say("chaos: starting a fresh broker on %s (data in %s)", brokerConfig.bootstrapServers(), brokerConfig.dataDir());
    startBroker();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
      TopicProvisioner.ensureAll(admin);
    }
    LocalPostgresConfig pg = LocalPostgresConfig.of(work.resolve("postgres"), freePort());
    say("chaos: starting a fresh PostgreSQL on 127.0.0.1:%d", pg.port());
    try {
      postgres = LocalPostgres.start(pg);
    } catch (LocalRuntimeException e) {
      throw new CommandFailure("PostgreSQL: " + e.getMessage());
    }
    smtp = RecordingSmtpServer.start(freePort());
    say("chaos: SMTP recorder on 127.0.0.1:%d", smtp.port());
  }

  private void startBroker() {
    try {
      broker = LocalBrokerProcess.start(brokerConfig);
      broker.awaitReady(Duration.ofMinutes(3));
    } catch (LocalBrokerException e) {
      throw new CommandFailure("the chaos run's broker: " + e.getMessage());
    }
  }

  private void startServices(Path processorJar, Path deskJar) {
    Path logs = work.resolve("logs");
    for (String name : List.of("processor-a", "processor-b")) {
      Path data = directory(work.resolve(name));
      Map<String, String> environment = environment(data);
      processors.add(new ServiceInstance(name, processorJar, freePort(), jvmOptions(), List.of(
          "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
          "--spring.kafka.streams.state-dir=" + data.resolve("streams"),
          // A killed instance's partitions move after 10 s, not the default 45 s.
          "--spring.kafka.streams.properties.session.timeout.ms=10000",
          // Only Sundays stay quiet, so that a run at night still sends its mails at once.
          "--winback.policy.quiet-hours-start=00:00",
          "--winback.policy.quiet-hours-end=00:00"), environment, logs));
    }
    LocalPostgresConfig pg = postgres.config();
    for (String name : List.of("desk-a", "desk-b")) {
      Path data = directory(work.resolve(name));
      Map<String, String> environment = environment(data);
      environment.put("SPRING_DATASOURCE_URL", pg.jdbcUrl(pg.database()));
      environment.put("SPRING_DATASOURCE_USERNAME", pg.username());
      environment.put("SPRING_DATASOURCE_PASSWORD", pg.password());
      desks.add(new ServiceInstance(name, deskJar, freePort(), jvmOptions(), List.of(
          "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
          "--spring.kafka.consumer.properties.session.timeout.ms=10000",
          "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + smtp.port(),
          "--winback.desk.embedded-smtp=false",
          "--winback.desk.instance-id=" + name,
          "--winback.desk.send-interval=200ms",
          // After the SMTP outage, mails go out within 15 s of its end rather than up to 5 min.
          "--winback.desk.retry-max=15s",
          // Every customer's CRM data is sent; a task that found none waits 2 min, not 15.
          "--winback.desk.consent-wait=2m",
          "--winback.desk.consent-max-staleness=" + consentMaxStaleness.toSeconds() + "s",
          "--winback.policy.quiet-hours-start=00:00",
          "--winback.policy.quiet-hours-end=00:00"), environment, logs));
    }
    for (List<ServiceInstance> group : List.of(processors, desks)) {
      for (ServiceInstance service : group) {
        say("chaos: starting %s on port %d (log %s)", service.name(), service.port(), service.log());
        service.start();
      }
      for (ServiceInstance service : group) {
        service.awaitReady(READY);
      }
    }
  }

  private Map<String, String> environment(Path data) {
    Map<String, String> environment = new HashMap<>();
    // Their local users (the case API's lead/lead, the desk's agent/agent); the desks' SMTP is the recorder.
    environment.put("SPRING_PROFILES_ACTIVE", "embedded");
    environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    environment.put("WINBACK_DATA_DIR", data.toString());
    return environment;
  }

  private static List<String> jvmOptions() {
    return List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
  }

  // ---- watchdog ------------------------------------------------------------------------------

  private void watchLoop() {
    Map<ServiceInstance, Integer> failures = new HashMap<>();
    while (watching) {
      try {
        Thread.sleep(WATCH.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      List<ServiceInstance> all = new ArrayList<>(processors);
      all.addAll(desks);
      for (ServiceInstance service : all) {
        synchronized (service) {
          if (!watching || planned.contains(service)) {
            continue;
          }
          if (ProcessHandle.of(service.pid()).map(process -> !process.isAlive()).orElse(true)) {
            failures.put(service, 0);
            restartUnplanned(service, "exited");
            continue;
          }
          int down = livenessDown(service) ? failures.merge(service, 1, Integer::sum) : 0;
          failures.put(service, down);
          if (down >= LIVENESS_FAILURES) {
            failures.put(service, 0);
            restartUnplanned(service, "failed its liveness probe " + LIVENESS_FAILURES + " times");
          }
        }
      }
    }
  }

  private void restartUnplanned(ServiceInstance service, String why) {
    unplannedRestarts.incrementAndGet();
    say("chaos: %s %s on its own; restarting it (see %s)", service.name(), why, service.log());
    planned.add(service);
    try {
      service.kill();
      service.start();
      service.awaitReady(READY);
    } catch (CommandFailure e) {
      say("chaos: %s did not come back: %s", service.name(), e.getMessage());
    } finally {
      planned.remove(service);
    }
  }

  /** True only for an answer that says DOWN; a port that does not answer yet is a starting service. */
  private static boolean livenessDown(ServiceInstance service) {
    try {
      int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
              + "/actuator/health/liveness")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 503;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Path jar(Path home, String service) {
    Path services = home.resolve("services");
    Path jar = ServiceDescriptor.discover(services).stream().filter(s -> s.name().equals(service))
        .map(ServiceDescriptor::jar).findFirst()
        .orElse(services.resolve(service).resolve("target").resolve(service + ".jar"));
    if (!Files.isRegularFile(jar)) {
      throw new CommandFailure(service + " is not built (" + jar + " missing): run ./mvnw -DskipTests package, or"
          + " start the run with ./winback, which builds what is missing");
    }
    return jar;
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CommandFailure("cannot create " + dir + ": " + e.getMessage());
    }
  }

  private void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }

  private static void sleep(Duration duration) {
    try {
      TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new CommandFailure("no free port: " + e.getMessage());
    }
  }

  /** A port whose next one is free too: the broker's controller takes it. */
  private static int freePortAndNext() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freePort();
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException taken) {
        // another pair
      }
    }
    throw new CommandFailure("no two free adjacent ports");
  }
}
