package io.winback.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterReader;
import io.winback.monitor.deadletters.RedriveAudit;
import io.winback.monitor.deadletters.Redriver;
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
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

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

  @Bean
  RedriveAudit redriveAudit() {
    return new RedriveAudit(1_000);
  }

  @Bean
  DeadLetterBrowser deadLetterBrowser(DeadLetterReader reader, RedriveAudit audit) {
    return new DeadLetterBrowser(reader, audit);
  }

  @Bean
  Redriver redriver(DeadLetterReader reader, @Lazy Producer<byte[], byte[]> producer, RedriveAudit audit, Clock clock) {
    // Back to where they came from, and nowhere else: never the dead-letter topic itself.
    Set<String> targets = Topics.ALL.stream().map(TopicSpec::name)
        .filter(name -> !name.equals(Topics.DEAD_LETTERS.name()))
        .collect(Collectors.toSet());
    return new Redriver(reader, producer, audit, targets, clock, Duration.ofSeconds(15));
  }
}
