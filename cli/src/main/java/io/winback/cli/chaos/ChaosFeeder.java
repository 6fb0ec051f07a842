package io.winback.cli.chaos;

import io.winback.cli.demo.DemoCustomers;
import io.winback.events.CancellationEvent;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Feeds the plan at its rate, as billing and the CRM would: each customer's CRM data two seconds
 * ahead of their cancellation (or late), the cancellation, and the planned extras (a duplicate, a
 * consent withdrawal, a withdrawal of the cancellation) after their delays, with the poison records
 * in between. One thread; the broker's acknowledgements go into the {@link Ledger}. A send the
 * producer gives up on (a broker away longer than its delivery timeout) is sent again: the same
 * record, so a valid event that did arrive the first time is a re-delivery the processor must ignore.
 */
final class ChaosFeeder implements Runnable {

  private static final String CUSTOMER_PREFIX = "CHAOS-";
  private static final Duration CRM_LEAD = Duration.ofSeconds(2);

  private final ChaosPlan plan;
  private final Ledger ledger;
  private final DemoCustomers customers;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicInteger fed = new AtomicInteger();
  private final PriorityQueue<Later> later = new PriorityQueue<>();
  private final ConcurrentLinkedQueue<Runnable> resends = new ConcurrentLinkedQueue<>();
  private final Map<Integer, CustomerRelationship> lateCrm = new HashMap<>();
  private final Map<Integer, CustomerRelationship> generated = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean done;
  private long sequence;

  ChaosFeeder(ChaosPlan plan, Ledger ledger, String bootstrap) {
    this.plan = plan;
    this.ledger = ledger;
    this.customers = new DemoCustomers(plan.settings().seed(), Clock.systemUTC());
    this.producer = new KafkaProducer<>(config(bootstrap));
  }

  static String customerId(int index) {
    return CUSTOMER_PREFIX + "%06d".formatted(index + 1);
  }

  /** Valid cancellations fed so far. */
  int fed() {
    return fed.get();
  }

  boolean done() {
    return done;
  }

  @Override
  public void run() {
    try {
      feed();
    } finally {
      producer.close(Duration.ofSeconds(30));
      done = true;
    }
  }

  private void feed() {
    int n = plan.cancellations();
    int rate = plan.settings().ratePerSecond();
    int lead = (int) Math.max(1, rate * CRM_LEAD.toSeconds());
    for (int i = 0; i < Math.min(lead, n); i++) {
      crmAhead(i);
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      pace(start + (long) (i * 1e9 / rate));
      runDue();
      if (i + lead < n) {
        crmAhead(i + lead);
      }
      cancellation(i);
      for (Poison poison : poisonAfter(i)) {
        poison(poison);
      }
      fed.set(i + 1);
    }
    while (!later.isEmpty() || inFlight.get() > 0 || !resends.isEmpty()) {
      runDue();
      sleep(20);
    }
    producer.flush();
  }

  private int poisonCursor;

  private java.util.List<Poison> poisonAfter(int index) {
    java.util.List<Poison> due = new java.util.ArrayList<>();
    java.util.List<Poison> all = plan.poison();
    while (poisonCursor < all.size() && all.get(poisonCursor).afterCancellation() <= index) {
      due.add(all.get(poisonCursor++));
    }
    return due;
  }

  /** The customer of cancellation {@code index} comes into the CRM, unless their data is planned late. */
  private void crmAhead(int index) {
    CustomerRelationship relationship = customers.relationship(customerId(index));
    generated.put(index, relationship);
    if (plan.treatment(index) == Treatment.LATE_CRM) {
      lateCrm.put(index, relationship);
    } else {
      crm(relationship);
    }
  }

  private void cancellation(int index) {
    CustomerRelationship customer = generated.remove(index);
    CancellationEvent event = customers.cancellation(customer);
    Treatment treatment = plan.treatment(index);
    byte[] key = key(event.getCustomerId());
    byte[] value = Topics.CANCELLATIONS.valueSerde().serializer().serialize(Topics.CANCELLATIONS.name(), event);
    ledger.cancellationSent(new Ledger.Cancellation(event.getEventId(), event.getCustomerId(), treatment,
        System.currentTimeMillis()));
    send(Topics.CANCELLATIONS.name(), key, value, at -> ledger.cancellationAcked(event.getEventId(), at));
    Duration delay = plan.delay(index);
    switch (treatment) {
      case PLAIN -> { }
      case DUPLICATED -> later(delay, () -> send(Topics.CANCELLATIONS.name(), key, value, at -> ledger.duplicateAcked()));
      case LATE_CRM -> later(delay, () -> crm(lateCrm.remove(index)));
      case CONSENT_WITHDRAWN -> later(delay, () -> crm(withdrawn(customer, index % 2 == 0)));
      case CANCELLATION_WITHDRAWN -> {
        CancellationEvent withdrawal = customers.withdrawal(event);
        later(delay, () -> send(Topics.CANCELLATIONS.name(), key,
            Topics.CANCELLATIONS.valueSerde().serializer().serialize(Topics.CANCELLATIONS.name(), withdrawal),
            at -> ledger.cancellationWithdrawalAcked(event.getCustomerId(), at)));
      }
    }
  }

  /** Every consent taken back; with {@code doNotContact} the customer also asks never to be contacted. */
  private static CustomerRelationship withdrawn(CustomerRelationship customer, boolean doNotContact) {
    return CustomerRelationship.newBuilder(customer)
        .setConsent(Consent.newBuilder().build())
        .setDoNotContact(doNotContact || customer.getDoNotContact())
        .build();
  }

  private void crm(CustomerRelationship relationship) {
    String customerId = relationship.getCustomerId();
    int version = ledger.crmSent(customerId, new Ledger.CrmVersion(System.currentTimeMillis(), 0,
        Ledger.CrmVersion.allowedChannels(relationship)));
    send(Topics.RELATIONSHIPS.name(), key(customerId),
        Topics.RELATIONSHIPS.valueSerde().serializer().serialize(Topics.RELATIONSHIPS.name(), relationship),
        at -> ledger.crmAcked(customerId, version, at));
  }

  private void poison(Poison poison) {
    PoisonRecords.Bytes bytes = PoisonRecords.of(poison, java.time.Instant.now());
    sendWithMetadata(poison.topic().name(), bytes.key(), bytes.value(), metadata -> ledger.poisonAcked(
        new Ledger.Coordinates(metadata.topic(), metadata.partition(), metadata.offset()), poison));
  }

  private void send(String topic, byte[] key, byte[] value, LongConsumer acked) {
    sendWithMetadata(topic, key, value, metadata -> acked.accept(System.currentTimeMillis()));
  }

  private void sendWithMetadata(String topic, byte[] key, byte[] value,
      java.util.function.Consumer<org.apache.kafka.clients.producer.RecordMetadata> acked) {
    inFlight.incrementAndGet();
    producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
      if (error == null) {
        acked.accept(metadata);
      } else {
        ledger.sendFailed();
        resends.add(() -> sendWithMetadata(topic, key, value, acked));
      }
      inFlight.decrementAndGet();
    });
  }

  private void later(Duration delay, Runnable action) {
    later.add(new Later(System.nanoTime() + delay.toNanos(), sequence++, action));
  }

  private void runDue() {
    for (Runnable resend; (resend = resends.poll()) != null; ) {
      resend.run();
    }
    long now = System.nanoTime();
    while (!later.isEmpty() && later.peek().dueNanos() <= now) {
      later.poll().action().run();
    }
  }

  private void pace(long untilNanos) {
    while (true) {
      long wait = untilNanos - System.nanoTime();
      if (wait <= 0) {
        return;
      }
      runDue();
      sleep(Math.max(1, Math.min(20, wait / 1_000_000)));
    }
  }

  private static byte[] key(String customerId) {
    return customerId.getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the feed was interrupted", e);
    }
  }

  private static Map<String, Object> config(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "winback-chaos-feed");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A broker restart takes seconds to a minute: the producer waits and retries rather than fail the feed.
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private record Later(long dueNanos, long sequence, Runnable action) implements Comparable<Later> {
    @Override
    public int compareTo(Later other) {
      int byTime = Long.compare(dueNanos, other.dueNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
