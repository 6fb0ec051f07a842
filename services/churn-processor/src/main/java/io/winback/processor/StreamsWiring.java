package io.winback.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.processor.cases.CaseLifecycle;
import io.winback.processor.metrics.MicrometerProcessorMetrics;
import io.winback.processor.metrics.ProcessorMetrics;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.PolicyProperties;
import io.winback.processor.privacy.ChangelogCompaction;
import io.winback.processor.tasks.TaskFactory;
import io.winback.processor.templates.MessageTemplates;
import io.winback.processor.topology.ChurnTopology;
import io.winback.processor.topology.Housekeeping;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import io.winback.security.PrivacySettings;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/** Spring at the edge: the plain-Java lifecycle and topology, wired to Kafka Streams and Micrometer. */
@Configuration
@EnableKafkaStreams
class StreamsWiring {

  static {
    TrustedPackages.install();
  }

  /** The catalogue's topics, created at start-up where missing (broker-default replication). */
  @Bean
  KafkaAdmin.NewTopics winbackTopics() {
    return new KafkaAdmin.NewTopics(Topics.ALL.stream().map(TopicSpec::newTopic).toArray(NewTopic[]::new));
  }


  @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
  KafkaStreamsConfiguration kafkaStreamsConfiguration(KafkaProperties kafka, ProcessorProperties processor,
      PrivacySettings privacy, @Value("${server.port:8081}") int port) {
    Map<String, Object> config = kafka.buildStreamsProperties();
    // Not configurable one by one: they follow from the erasure deadline (see ChangelogCompaction).
    config.putAll(new ChangelogCompaction(privacy.erasureDeadline()).streamsConfig());
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "winback-churn-processor");
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Not configurable: skipping a record that failed would lose it silently.
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ChurnTopology.PROCESSING_EXCEPTION_HANDLER);
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, processor.advertisedHost() + ":" + port);
    return new KafkaStreamsConfiguration(config);
  }

  static Housekeeping housekeeping(ProcessorProperties processor, PrivacySettings privacy,
      CaseRetentionProperties retention) {
    return new Housekeeping(retention.caseRetention(), processor.retentionInterval(), processor.retentionBatch(),
        new ChangelogCompaction(privacy.erasureDeadline()).rollInterval());
  }

  @Bean
  ProcessorMetrics winbackProcessorMetrics(MeterRegistry registry) {
    return new MicrometerProcessorMetrics(registry);
  }

  @Bean
  CaseLifecycle caseLifecycle(PolicyProperties policy, ProcessorProperties processor) {
    ChannelPolicy channelPolicy = new ChannelPolicy(policy.settings());
    TaskFactory tasks = new TaskFactory(new MessageTemplates(), policy.version());
    return new CaseLifecycle(channelPolicy, tasks, processor.dataGrace());
  }

  @Bean
  StreamsBuilderFactoryBeanConfigurer churnTopology(CaseLifecycle lifecycle, ProcessorMetrics metrics,
      ProcessorProperties processor, PrivacySettings privacy, CaseRetentionProperties retention,
      MeterRegistry registry, StreamsHealth health) {
    Housekeeping housekeeping = housekeeping(processor, privacy, retention);
    return factoryBean -> {
      factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
        @Override
        public void configureTopology(Topology topology) {
          ChurnTopology.addTo(topology, lifecycle, metrics, processor.timerInterval(), processor.timerRetry(),
              housekeeping);
        }
      });
      factoryBean.addListener(new KafkaStreamsMicrometerListener(registry));
      factoryBean.setStateListener(health::onStateChange);
      factoryBean.setStateRestoreListener(health);
    };
  }
}
