package io.winback.desk;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time comes from one injected clock, so tests can move it. */
@Configuration
class DeskWiring {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
