package io.winback.processor.it;

import io.winback.events.CancellationEvent;
import io.winback.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Billing at a steady pace: publishes the cancellations one by one from its own thread, each
 * acknowledged before the next (idempotent, acks=all, like Winback's producers), keyed by
 * customerId. It keeps going whatever happens to the processor.
 */
final class CancellationFeeder implements AutoCloseable {

  private final List<CancellationEvent> events;
  private final Duration pace;
  private final String bootstrapServers;
  private final AtomicInteger sent = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable failure;

  private CancellationFeeder(String bootstrapServers, List<CancellationEvent> events, Duration pace) {
    this.bootstrapServers = bootstrapServers;
    this.events = events;
    this.pace = pace;
    this.thread = new Thread(this::feed, "cancellation-feeder");
    this.thread.setDaemon(true);
  }

  static CancellationFeeder start(String bootstrapServers, List<CancellationEvent> events, Duration pace) {
    CancellationFeeder feeder = new CancellationFeeder(bootstrapServers, events, pace);
    feeder.thread.start();
    return feeder;
  }

  int sent() {
    return sent.get();
  }

  /** Waits until every event is acknowledged; rethrows whatever stopped the feeder. */
  void awaitDone(Duration atMost) throws InterruptedException {
    thread.join(atMost.toMillis());
    if (failure != null) {
      throw new AssertionError("the feeder failed after " + sent() + " cancellations", failure);
    }
    if (thread.isAlive()) {
      throw new AssertionError("the feeder sent only " + sent() + " of " + events.size() + " in " + atMost);
    }
  }

  private void feed() {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, CancellationEvent> producer =
        new KafkaProducer<>(config, new StringSerializer(), Topics.CANCELLATIONS.valueSerde().serializer())) {
      long next = System.nanoTime();
      for (CancellationEvent event : events) {
        if (stopped) {
          return;
        }
        producer.send(new ProducerRecord<>(Topics.CANCELLATIONS.name(), event.getCustomerId(), event))
            .get(30, TimeUnit.SECONDS);
        sent.incrementAndGet();
        // A fixed rate, not a fixed gap: a slow acknowledgement does not slow the whole stream down.
        next += pace.toNanos();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      failure = e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(TimeUnit.SECONDS.toMillis(30));
  }
}
