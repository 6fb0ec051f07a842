package io.winback.desk.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.winback.desk.DeskProperties;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to outreach.feedback.v1 until the broker has each outcome. One replica
 * relays at a time (a transaction-scoped advisory lock), oldest first, so one customer's outcomes
 * reach the processor in the order they were recorded; with Kafka away the outcomes wait and none
 * is lost. Right before publishing, the free text is sealed with the customer's key
 * ({@link FeedbackSealer}); while the desk's key ring does not know that key yet, that customer's
 * outcomes wait, in order, and everyone else's go on. A crash after the broker's acknowledgement and
 * before the row is marked publishes the same outcome again: same feedbackId (a fresh nonce), applied
 * once by the processor.
 */
@Component
public class FeedbackRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FeedbackRelay.class);
  /** The advisory lock that makes one replica the relay (any constant the desk uses for nothing else). */
  private static final long RELAY_LOCK = 0x57_49_4e_42_41_43_4bL; // "WINBACK"
  private static final int BATCH = 500;

  private final FeedbackOutbox outbox;
  private final FeedbackSealer sealer;
  private final Serializer<OutreachFeedback> serializer = Topics.FEEDBACK.valueSerde().serializer();
  private final KafkaTemplate<String, byte[]> template;
  private final TransactionTemplate transaction;
  private final JdbcClient db;
  private final DeskProperties properties;
  private final Clock clock;
  private final Counter published;
  private final Counter failures;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private volatile Thread thread;

  public FeedbackRelay(FeedbackOutbox outbox, FeedbackSealer sealer, KafkaTemplate<String, byte[]> feedbackRelayTemplate,
      PlatformTransactionManager transactions, JdbcClient db, DeskProperties properties, Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.sealer = sealer;
    this.template = feedbackRelayTemplate;
    this.transaction = new TransactionTemplate(transactions);
    this.db = db;
    this.properties = properties;
    this.clock = clock;
    this.published = Counter.builder("winback.desk.feedback.published")
        .description("Outcomes the broker acknowledged on outreach.feedback.v1").register(meters);
    this.failures = Counter.builder("winback.desk.feedback.publish.failures")
        .description("Outcomes the relay could not publish yet (they stay in the outbox)").register(meters);
    Gauge.builder("winback.desk.feedback.pending", this, FeedbackRelay::pendingOrNaN)
        .description("Outcomes recorded at the desk and not yet on outreach.feedback.v1").register(meters);
  }

  /** Ask for a round now (an agent just recorded an outcome) instead of at the next interval. */
  public void wake() {
    wake.release();
  }

  /**
   * Waits up to {@code timeout} for the broker to acknowledge the outcome; false means it is
   * recorded and waiting (Kafka away), never lost.
   */
  public boolean awaitPublished(String feedbackId, Duration timeout) {
    wake();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (outbox.published(feedbackId).orElse(false)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** One round: publishes up to a batch of pending outcomes; returns how many the broker took. */
  int relayOnce() {
    Integer count = transaction.execute(status -> {
      Boolean relay = db.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", RELAY_LOCK)
          .query(Boolean.class).single();
      if (!Boolean.TRUE.equals(relay)) {
        return 0; // another replica is relaying
      }
      List<FeedbackOutbox.Pending> pending = outbox.oldestPending(BATCH);
      if (pending.isEmpty()) {
        return 0;
      }
      List<FeedbackOutbox.Published> acknowledged = publish(ready(pending));
      outbox.markPublished(acknowledged, clock.instant());
      return acknowledged.size();
    });
    return count == null ? 0 : count;
  }

  /**
   * The pending outcomes that can go now, sealed, in their order. Once one outcome of a customer
   * waits for the key ring, every later one of that customer waits too: they arrive in order.
   */
  private List<FeedbackOutbox.Published> ready(List<FeedbackOutbox.Pending> pending) {
    Set<String> waiting = new HashSet<>();
    List<FeedbackOutbox.Published> ready = new ArrayList<>();
    for (FeedbackOutbox.Pending outcome : pending) {
      if (waiting.contains(outcome.customerId())) {
        continue;
      }
      Optional<OutreachFeedback> sealed = sealer.forPublishing(outbox.read(outcome.payload()));
      if (sealed.isEmpty()) {
        waiting.add(outcome.customerId());
        continue;
      }
      ready.add(new FeedbackOutbox.Published(outcome.feedbackId(), outcome.customerId(),
          serializer.serialize(Topics.FEEDBACK.name(), sealed.get())));
    }
    return ready;
  }

  /** Sends them and waits for the broker; returns those it acknowledged, as they were sent. */
  private List<FeedbackOutbox.Published> publish(List<FeedbackOutbox.Published> outcomes) {
    List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
    List<FeedbackOutbox.Published> acknowledged = new ArrayList<>();
    try {
      for (FeedbackOutbox.Published outcome : outcomes) {
        sends.add(template.send(Topics.FEEDBACK.name(), outcome.customerId(), outcome.payload()));
      }
      template.flush();
    } catch (RuntimeException notSent) {
      // No metadata within max.block.ms (the broker is away): what was handed over is still awaited below.
      log.warn("the feedback topic is not reachable: {}", notSent.getMessage());
    }
    for (int i = 0; i < sends.size(); i++) {
      FeedbackOutbox.Published outcome = outcomes.get(i);
      try {
        sends.get(i).get(properties.relaySendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        acknowledged.add(outcome);
        published.increment();
      } catch (ExecutionException | TimeoutException e) {
        failures.increment();
        outbox.markFailed(outcome.feedbackId(), String.valueOf(e.getCause() == null ? e : e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    failures.increment(outcomes.size() - sends.size());
    return acknowledged;
  }


  private void loop() {
    Duration pause = properties.relayInterval();
    while (running) {
      try {
        int relayed = relayOnce();
        pause = properties.relayInterval();
        if (relayed >= BATCH) {
          continue; // more are waiting
        }
      } catch (RuntimeException e) {
        // The database is away: the outcomes are safe in it; try again with growing pauses.
        log.warn("feedback relay round failed, retrying in {}: {}", pause, e.getMessage());
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
            : pause.multipliedBy(2);
      }
      try {
        if (wake.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private double pendingOrNaN() {
    try {
      return outbox.pendingCount();
    } catch (RuntimeException databaseAway) {
      return Double.NaN;
    }
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::loop, "feedback-relay");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread current = thread;
    if (current != null) {
      wake();
      try {
        current.join(Duration.ofSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
