package io.winback.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import io.winback.testsupport.ServiceJar;

/**
 * The real churn processor for the desk's integration tests: its Spring Boot fat jar in a JVM of
 * its own, on the shared test broker, with a unique application id (so it reads every input from
 * the beginning and shares no state) and a fresh state directory. Its output goes to a log file
 * that failures quote.
 *
 * <pre>{@code
 * static ProcessorProcess processor;
 *
 * @BeforeAll
 * static void startProcessor() {
 *   // Returns at once: the processor boots while Spring starts the desk's test context.
 *   processor = ProcessorProcess.start(KafkaTestBroker.bootstrapServers(), ProcessorProcess.ANY_TIME_OF_DAY);
 * }
 *
 * @AfterAll
 * static void stopProcessor() {
 *   if (processor != null) processor.close();
 * }
 *
 * @Test
 * void something() {
 *   processor.awaitReady(Duration.ofSeconds(120)); // at once when it is ready already
 *   ...
 * }
 * }</pre>
 *
 * <p>Runs as a {@link ServiceJar}. The jar is {@value #DEFAULT_JAR} relative to the module (the reactor builds the processor
 * first); the system property {@value #JAR_PROPERTY} points elsewhere.
 */
public final class ProcessorProcess implements AutoCloseable {

  public static final String JAR_PROPERTY = "winback.processor.jar";
  public static final String DEFAULT_JAR = "../churn-processor/target/churn-processor.jar";

  /**
   * Arguments that switch off the nightly quiet hours, so written tasks are due at once whatever
   * the time of day. Sundays stay quiet (a rule, not a setting): give test customers
   * {@link #weekdayZone()} as their time zone.
   */
  public static final String[] ANY_TIME_OF_DAY = {
      "--winback.policy.quiet-hours-start=00:00", "--winback.policy.quiet-hours-end=00:00"};

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ServiceJar service;
  private final String applicationId;

  private ProcessorProcess(ServiceJar service, String applicationId) {
    this.service = service;
    this.applicationId = applicationId;
  }

  /** The processor's jar: the system property {@value #JAR_PROPERTY}, else {@value #DEFAULT_JAR}. */
  public static Path jar() {
    return Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR)).toAbsolutePath().normalize();
  }

  /**
   * Starts the processor on a free port with a unique application id and state directory; returns
   * at once (see {@link #awaitReady}). {@code extraArgs} are further Spring Boot arguments, e.g.
   * {@link #ANY_TIME_OF_DAY} or {@code --winback.processor.data-grace=5s}.
   */
  public static ProcessorProcess start(String bootstrapServers, String... extraArgs) {
    String applicationId = "desk-it-processor-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      Path stateDir = Files.createTempDirectory(applicationId + "-state");
      ServiceJar service = ServiceJar.of(jar(), applicationId)
          .arg("--spring.kafka.bootstrap-servers=" + bootstrapServers)
          .arg("--spring.kafka.streams.application-id=" + applicationId)
          .arg("--spring.kafka.streams.state-dir=" + stateDir)
          .arg("--winback.processor.advertised-host=localhost")
          // Its case API wants a login: the embedded setup's local users (the desk's tests query no case).
          .arg("--spring.profiles.active=embedded");
      for (String arg : extraArgs) {
        service.arg(arg);
      }
      return new ProcessorProcess(service.start(), applicationId);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the churn processor from " + jar(), e);
    }
  }

  /**
   * Waits until /actuator/health/readiness answers 200 (at once when it did before); fails at
   * once, quoting the log, if the process dies.
   */
  public ProcessorProcess awaitReady(Duration atMost) {
    service.awaitReady(atMost);
    return this;
  }

  /** The HTTP port (queries: /cases/{caseId}, /customers/{customerId}/cases, /actuator/...). */
  public int port() {
    return service.port();
  }

  /** The Kafka Streams application id, unique to this process. */
  public String applicationId() {
    return applicationId;
  }

  public boolean isAlive() {
    return service.isAlive();
  }

  /** The file the process writes its output to. */
  public Path log() {
    return service.log();
  }

  /** The last {@code lines} lines of its output, for assertion messages. */
  public String logTail(int lines) {
    return service.logTail(lines);
  }

  /** The status of a GET on the processor, or -1 while nothing answers. */
  public int status(String path) {
    return service.status(path);
  }

  /** A GET on the processor, e.g. {@code get("/cases/" + caseId)}. */
  public HttpResponse<String> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(15)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on port " + port() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops it: SIGTERM, up to 30 s to finish, then SIGKILL. Safe to call twice. */
  @Override
  public void close() {
    service.close();
  }

  /**
   * A time zone in which it is not Sunday now nor for the next {@code 2 h}: the processor never
   * contacts anyone on a Sunday in the customer's zone. With {@link #ANY_TIME_OF_DAY} a written
   * task for a customer in this zone is due at once.
   */
  public static String weekdayZone() {
    Instant now = Instant.now();
    for (String zone : List.of("Europe/Berlin", "Pacific/Kiritimati", "Etc/GMT+12")) {
      ZoneId id = ZoneId.of(zone);
      if (now.atZone(id).getDayOfWeek() != DayOfWeek.SUNDAY
          && now.plus(Duration.ofHours(2)).atZone(id).getDayOfWeek() != DayOfWeek.SUNDAY) {
        return zone;
      }
    }
    throw new IllegalStateException("no zone found where it is not Sunday"); // cannot happen: UTC-12 to UTC+14
  }

  /** A TCP port nobody listens on right now. */
  public static int freePort() {
    return ServiceJar.freePort();
  }
}
