package io.winback.desk.privacy;

import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.KeyRingFeed;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The desk's copy of winback.keys.v1: every key of every customer, read from the beginning by
 * every replica (no consumer group), with the same connection settings (TLS, SASL) as the desk's
 * other Kafka clients. Readiness waits until it has caught up once ({@link KeyRingHealthIndicator}).
 */
@Configuration
class KeyRingWiring {

  @Bean
  KeyRing keyRing() {
    return new KeyRing();
  }

  @Bean(destroyMethod = "close")
  KeyRingFeed keyRingFeed(KafkaProperties kafka, KeyRing keyRing) {
    return KeyRingFeed.start(kafka.buildConsumerProperties(), keyRing);
  }
}
