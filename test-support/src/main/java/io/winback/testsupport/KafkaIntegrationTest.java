package io.winback.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to the shared real Kafka broker: starts it before the class,
 * publishes it as {@code spring.kafka.bootstrap-servers} and lets test methods and constructors
 * take a {@link KafkaTestBroker} parameter.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
public @interface KafkaIntegrationTest {
}
