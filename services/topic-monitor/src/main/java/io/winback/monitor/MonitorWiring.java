package io.winback.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.monitor.cases.AttentionCases;
import io.winback.monitor.deadletters.AuditTrail;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterReader;
import io.winback.monitor.deadletters.DeadLetterReveal;
import io.winback.monitor.deadletters.LatestRecordCheck;
import io.winback.monitor.deadletters.RedriveTransactions;
import io.winback.monitor.deadletters.Redriver;
import io.winback.monitor.deadletters.SealedLetters;
import io.winback.monitor.health.KafkaHealthIndicator;
import io.winback.monitor.lag.AdminClusterReader;
import io.winback.monitor.lag.ConsumerOldestRecordLookup;
import io.winback.monitor.lag.History;
import io.winback.monitor.lag.LagEvaluator;
import io.winback.monitor.lag.LagMonitor;
import io.winback.monitor.lag.SamplerLoop;
import io.winback.monitor.metrics.MonitorMetrics;
import io.winback.monitor.pipeline.Pipeline;
import io.winback.monitor.pipeline.ServiceProbe;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.KeyRingFeed;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring at the edge: the plain-Java monitor, dead-letter tools and probes, wired and scheduled. */
@Configuration
class MonitorWiring {

  private static final Logger log = LoggerFactory.getLogger(MonitorWiring.class);

  static {
    TrustedPackages.install();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  ConsumerOldestRecordLookup oldestRecordLookup(Consumer<byte[], byte[]> timeLagConsumer, MonitorProperties monitor) {
    return new ConsumerOldestRecordLookup(timeLagConsumer, monitor.timeLagTimeout());
  }

  @Bean
  LagMonitor lagMonitor(Admin admin, ConsumerOldestRecordLookup oldest, MonitorProperties monitor, Clock clock) {
    Map<String, String> catalogue = new LinkedHashMap<>();
    Topics.ALL.forEach(topic -> catalogue.put(topic.name(), topic.description()));
    return new LagMonitor(
        new AdminClusterReader(admin, catalogue.keySet(), monitor.kafkaTimeout(), clock),
        oldest,
        new LagEvaluator(monitor.windowSamples()),
        catalogue,
        Topics.DEAD_LETTERS.name(),
        monitor.rateWindow(),
        new History(monitor.historyCapacity(), monitor.history().toMillis()),
        clock);
  }

  @Bean
  MonitorMetrics monitorMetrics(MeterRegistry registry, LagMonitor monitor) {
    MonitorMetrics metrics = new MonitorMetrics(registry);
    monitor.addListener(metrics);
    return metrics;
  }

  /**
   * Samples from start-up on. Missing catalogue topics are created first, as every Winback service
   * does, so the monitor can start before the others; a broker that is not there yet only delays it.
   */
  @Bean(initMethod = "start", destroyMethod = "close")
  SamplerLoop samplerLoop(LagMonitor monitor, MonitorMetrics metrics, Admin admin, MonitorProperties properties) {
    AtomicBoolean topicsChecked = new AtomicBoolean(!properties.createTopics());
    return new SamplerLoop("topic-monitor-sampler", properties.sampleInterval(), () -> {
      if (!topicsChecked.get()) {
        try {
          TopicProvisioner.ensureAll(admin);
          topicsChecked.set(true);
        } catch (RuntimeException e) {
          log.debug("catalogue topics not checked yet: {}", e.getMessage());
        }
      }
      monitor.sample();
    });
  }

  @Bean
  ServiceProbe serviceProbe(MonitorProperties monitor, Clock clock) {
    return new ServiceProbe(monitor.services(), Duration.ofSeconds(2), clock);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  SamplerLoop serviceProbeLoop(ServiceProbe probe, MonitorProperties monitor) {
    return new SamplerLoop("topic-monitor-service-probe", monitor.sampleInterval(), probe::probeAll);
  }

  @Bean
  Pipeline pipeline(MonitorProperties monitor) {
    return new Pipeline(Topics.CANCELLATIONS.name(),
        Topics.TASK_TOPICS.stream().map(TopicSpec::name).toList(),
        Topics.FEEDBACK.name(),
        monitor.processorGroup(), MonitorProperties.PROCESSOR,
        monitor.deskGroup(), MonitorProperties.DESK);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(Admin admin, MonitorProperties monitor) {
    return new KafkaHealthIndicator(admin, monitor.kafkaTimeout());
  }

  @Bean
  DeadLetterReader deadLetterReader(KafkaProperties kafka, MonitorProperties monitor) {
    return new DeadLetterReader(() -> KafkaWiring.readerConsumer(kafka, "topic-monitor-dead-letters"),
        Topics.DEAD_LETTERS.name(), monitor.kafkaTimeout());
  }

  @Bean(destroyMethod = "close")
  AuditTrail auditTrail(KafkaProperties kafka, MonitorProperties monitor) {
    return new AuditTrail(() -> KafkaWiring.readerConsumer(kafka, "topic-monitor-redrive-audit"), Topics.REDRIVE_AUDIT,
        monitor.kafkaTimeout());
  }

  @Bean
  DeadLetterBrowser deadLetterBrowser(DeadLetterReader reader, AuditTrail audit) {
    return new DeadLetterBrowser(reader, audit);
  }

  @Bean(destroyMethod = "close")
  RedriveTransactions redriveTransactions(KafkaProperties kafka) {
    return new RedriveTransactions(() -> KafkaWiring.redriveProducer(kafka), Duration.ofSeconds(15));
  }

  /** The customers' keys, in memory only: what opens a sealed dead letter, and who was erased. */
  @Bean
  KeyRing keyRing() {
    return new KeyRing();
  }

  @Bean(destroyMethod = "close")
  KeyRingFeed keyRingFeed(KafkaProperties kafka, KeyRing ring) {
    return KeyRingFeed.start(KafkaWiring.keyRingConsumerConfig(kafka), ring);
  }

  @Bean
  SealedLetters sealedLetters(KeyRing ring, KeyRingFeed feed) {
    return new SealedLetters(ring, feed::caughtUp);
  }

  @Bean
  DeadLetterReveal deadLetterReveal(DeadLetterReader reader, RedriveTransactions transactions, AuditTrail audit,
      SealedLetters keys, Clock clock) {
    return new DeadLetterReveal(reader, transactions, audit, keys, clock);
  }

  @Bean
  Redriver redriver(DeadLetterReader reader, RedriveTransactions transactions, AuditTrail audit,
      KafkaProperties kafka, MonitorProperties monitor, SealedLetters keys, Clock clock) {
    // Back to where they came from, and only to the processor's inputs: never an output or the DLQ itself.
    LatestRecordCheck latest = new LatestRecordCheck(() -> KafkaWiring.readerConsumer(kafka,
        "topic-monitor-redrive-check"), monitor.kafkaTimeout());
    return new Redriver(reader, transactions, audit, latest, Topics.INPUTS, keys, clock);
  }

  @Bean(destroyMethod = "close")
  AttentionCases attentionCases(KafkaProperties kafka) {
    return new AttentionCases(() -> KafkaWiring.readerConsumer(kafka, "topic-monitor-cases"), Topics.CASES,
        Duration.ofSeconds(1));
  }

  /** Follows winback.cases.v1 for the cases that need an operator. */
  @Bean(initMethod = "start", destroyMethod = "close")
  SamplerLoop attentionLoop(AttentionCases cases) {
    return new SamplerLoop("topic-monitor-attention", Duration.ofSeconds(1), cases::poll);
  }
}
