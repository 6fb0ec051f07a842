package io.winback.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.junit.jupiter.api.Test;
import io.winback.security.PrivacySettings;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** What the processor's Kafka Streams configuration insists on, whatever application.yml says. */
class StreamsWiringTest {

  @Test
  void aRecordThatFailsIsNeverSkippedEvenIfTheConfigurationAsksForIt() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.getStreams().getProperties().put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler");
    ProcessorProperties processor = processor();

    var config = new StreamsWiring().kafkaStreamsConfiguration(kafka, processor,
        new PrivacySettings(Duration.ofHours(24)), 8081).asProperties();

    assertThat(config.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(LogAndFailProcessingExceptionHandler.class);
    assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }

  @Test
  void theChangelogsAreCompactedWithinTheErasureDeadlineWhateverTheConfigurationSaysOfThem() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.getStreams().getProperties().put("topic.max.compaction.lag.ms", "604800000"); // a week: too long

    var config = new StreamsWiring().kafkaStreamsConfiguration(kafka, processor(),
        new PrivacySettings(Duration.ofHours(12)), 8081).asProperties();

    assertThat(config.get("topic.max.compaction.lag.ms")).isEqualTo(Long.toString(Duration.ofHours(3).toMillis()));
    assertThat(config.get("topic.segment.ms")).isEqualTo(Long.toString(Duration.ofHours(3).toMillis()));
    assertThat(StreamsWiring.housekeeping(processor(), new PrivacySettings(Duration.ofHours(12)),
        new CaseRetentionProperties(Duration.ofDays(400))).changelogRollInterval()).isEqualTo(Duration.ofMinutes(90));
  }

  private static ProcessorProperties processor() {
    return new ProcessorProperties(Duration.ofMinutes(15), Duration.ofSeconds(1), "localhost", Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofMinutes(15), 5, Duration.ofMinutes(1), 1000);
  }
}
