package io.winback.cli.demo;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationType;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds the demo: the relationships once, then a trickle of cancellations (and now and then a
 * withdrawal) until stopped. It prints customer ids only, never names or addresses.
 */
public final class DemoFeeder implements AutoCloseable {

  private static final long SEED = 20261127L;

  private final DemoCustomers customers = new DemoCustomers(SEED, Clock.systemUTC());
  private final KafkaProducer<String, CustomerRelationship> relationships;
  private final KafkaProducer<String, CancellationEvent> cancellations;
  private final int customerCount;
  private final Duration interval;
  private final PrintStream log;
  private volatile boolean running = true;
  private Thread thread;

  public DemoFeeder(String bootstrapServers, int customerCount, Duration interval, PrintStream log) {
    this.customerCount = customerCount;
    this.interval = interval;
    this.log = log;
    this.relationships = new KafkaProducer<>(config(bootstrapServers), new StringSerializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer());
    this.cancellations = new KafkaProducer<>(config(bootstrapServers), new StringSerializer(),
        Topics.CANCELLATIONS.valueSerde().serializer());
  }

  public void start() {
    List<CustomerRelationship> all = customers.relationships(customerCount);
    all.forEach(customer -> relationships.send(
        new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customer.getCustomerId(), customer)));
    relationships.flush();
    log.printf("demo: published %d customer relationships to %s; a cancellation every %d s on %s%n",
        all.size(), Topics.RELATIONSHIPS.name(), interval.toSeconds(), Topics.CANCELLATIONS.name());
    thread = new Thread(() -> trickle(all), "winback-demo");
    thread.setDaemon(true);
    thread.start();
  }

  private void trickle(List<CustomerRelationship> all) {
    List<CancellationEvent> recent = new ArrayList<>();
    while (running) {
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      try {
        publishNext(all, recent);
      } catch (RuntimeException e) {
        log.printf("demo: could not publish a cancellation: %s%n", e);
      }
    }
  }

  private void publishNext(List<CustomerRelationship> all, List<CancellationEvent> recent) {
    CancellationEvent event = !recent.isEmpty() && customers.nextIndex(8) == 0
        ? customers.withdrawal(recent.remove(customers.nextIndex(recent.size())))
        : customers.cancellation(all.get(customers.nextIndex(all.size())));
    if (event.getType() == CancellationType.CANCELLED) {
      recent.add(event);
    }
    cancellations.send(new ProducerRecord<>(Topics.CANCELLATIONS.name(), event.getCustomerId(), event),
        (metadata, error) -> {
          if (error != null) {
            log.printf("demo: could not publish a cancellation: %s%n", error.getMessage());
          }
        });
    log.printf("demo: %s by customer %s%n", event.getType().name().toLowerCase(Locale.ROOT),
        event.getCustomerId());
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    relationships.close(Duration.ofSeconds(5));
    cancellations.close(Duration.ofSeconds(5));
  }

  private static Map<String, Object> config(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "winback-demo");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }
}
