package io.winback.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the shared {@link KafkaTestBroker} and injects it into parameters of that type.
 *
 * <p>Also sets the system property {@value #SPRING_BOOTSTRAP_PROPERTY}, so Spring Boot contexts
 * created later in the same JVM connect to this broker without any test configuration.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

  public static final String SPRING_BOOTSTRAP_PROPERTY = "spring.kafka.bootstrap-servers";

  @Override
  public void beforeAll(ExtensionContext context) {
    startAndPublish();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaTestBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // Also reached when the extension is registered on a method only, where beforeAll never runs.
    return startAndPublish();
  }

  private static KafkaTestBroker startAndPublish() {
    KafkaTestBroker broker = KafkaTestBroker.get();
    System.setProperty(SPRING_BOOTSTRAP_PROPERTY, KafkaTestBroker.bootstrapServers());
    return broker;
  }
}
