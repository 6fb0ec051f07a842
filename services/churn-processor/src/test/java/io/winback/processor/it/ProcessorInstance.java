package io.winback.processor.it;

import io.winback.processor.ChurnProcessorApplication;
import io.winback.processor.topology.StoreNames;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * One churn processor as a full Spring Boot application inside the test JVM: its own web
 * server, port and state directory, and a Kafka Streams instance that joins the group named by
 * the application id. Gives the test a look at what Kafka Streams knows locally, so it can tell
 * which instance owns a key.
 */
final class ProcessorInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;
  private final TestLogin login;

  private ProcessorInstance(ConfigurableApplicationContext context, int port, TestLogin login) {
    this.context = context;
    this.port = port;
    this.login = login;
  }

  /**
   * Starts an instance; Kafka Streams starts in the background, so it is not ready yet. Settings go
   * in as command-line arguments: SpringApplicationBuilder#properties would only be defaults,
   * weaker than application.yml. {@code login} says how it lets callers in, and what {@link #get}
   * calls it with.
   */
  static ProcessorInstance start(String bootstrapServers, String applicationId, Path stateDir, TestLogin login,
      String... extraArgs) {
    int port = FreePorts.next();
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
        "--spring.kafka.streams.application-id=" + applicationId,
        "--spring.kafka.streams.state-dir=" + stateDir,
        "--winback.processor.advertised-host=localhost",
        "--spring.main.banner-mode=off"));
    args.addAll(login.args());
    args.addAll(List.of(extraArgs));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(ChurnProcessorApplication.class)
        .run(args.toArray(String[]::new));
    return new ProcessorInstance(context, port, login);
  }

  int port() {
    return port;
  }

  HostInfo host() {
    return new HostInfo("localhost", port);
  }

  boolean ready() {
    return Http.ready(port);
  }

  /** A GET with the test's credentials. */
  HttpResponse<String> get(String path) {
    return Http.get(port, path, login.authorization());
  }

  /** A GET with {@code authorization} instead (null: none). */
  HttpResponse<String> get(String path, String authorization) {
    return Http.get(port, path, authorization);
  }

  /** A GET with {@code authorization} (null: none) and further headers. */
  HttpResponse<String> get(String path, String authorization, Map<String, String> headers) {
    return Http.get(port, path, authorization, headers, Duration.ofSeconds(15));
  }

  KafkaStreams streams() {
    return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
  }

  /** The tasks (sub-topology and partition) this instance runs as the active one. */
  Set<TaskId> activeTasks() {
    KafkaStreams streams = streams();
    if (streams == null) {
      return Set.of();
    }
    try {
      return streams.metadataForLocalThreads().stream()
          .flatMap(thread -> thread.activeTasks().stream())
          .map(TaskMetadata::taskId)
          .collect(Collectors.toSet());
    } catch (RuntimeException e) {
      return Set.of(); // not started yet, or already shutting down: no tasks either way
    }
  }

  /** The instance Kafka Streams names as the owner of {@code key} in {@code store}, as seen from here. */
  HostInfo ownerOf(String store, String key) {
    KeyQueryMetadata metadata = streams().queryMetadataForKey(store, key, Serdes.String().serializer());
    return metadata.activeHost();
  }

  /** Whether {@code key} is in this instance's own copy of {@code store}: no network involved. */
  boolean holdsLocally(String store, String key) {
    return streams().store(StoreQueryParameters.fromNameAndType(store,
        QueryableStoreTypes.<String, Object>keyValueStore())).get(key) != null;
  }

  boolean holdsCase(String caseId) {
    return holdsLocally(StoreNames.CASES, caseId);
  }

  boolean holdsCustomer(String customerId) {
    return holdsLocally(StoreNames.CUSTOMER_CASES, customerId);
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return "instance on port " + port;
  }
}
