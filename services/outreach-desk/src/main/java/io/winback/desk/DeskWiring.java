package io.winback.desk;

import io.winback.schemas.rules.QuietHours;
import java.time.Clock;
import java.time.LocalTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time comes from one injected clock, so tests can move it; the quiet hours are the processor's settings. */
@Configuration
class DeskWiring {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  InstanceId instanceId(@Value("${winback.desk.instance-id:}") String configured) {
    return InstanceId.of(configured);
  }

  /** The same winback.policy.quiet-hours-* settings the processor plans due dates with. */
  @Bean
  QuietHours quietHours(@Value("${winback.policy.quiet-hours-start:20:00}") LocalTime start,
      @Value("${winback.policy.quiet-hours-end:08:00}") LocalTime end) {
    return new QuietHours(start, end);
  }
}
