package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.testsupport.ServiceJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The monitor's jar as production would start it, with its default configuration and no profile:
 * no single sign-on and no embedded users, so nobody could log in. It must refuse to start, exit
 * non-zero and name the settings that are missing.
 */
class StartupRefusalIT {

  @Test
  void withoutLoginSettingsAndWithoutTheEmbeddedProfileTheMonitorRefusesToStart() throws IOException {
    ServiceJar monitor = ServiceJar.of(Path.of("target/topic-monitor.jar"), "topic-monitor-without-logins")
        .env("SPRING_PROFILES_ACTIVE", "")
        // Nobody listens there: a broker on this machine stays untouched.
        .arg("--spring.kafka.bootstrap-servers=127.0.0.1:" + ServiceJar.freePort());
    try {
      monitor.start();

      assertThat(monitor.awaitExit(Duration.ofMinutes(2))).isNotZero();
      String log = Files.readString(monitor.log(), StandardCharsets.UTF_8);
      assertThat(log).contains("topic-monitor has no login settings, so it refuses to start",
          "spring.security.oauth2.client.registration.winback.client-id",
          "spring.security.oauth2.client.provider.winback.issuer-uri",
          "spring.security.oauth2.resourceserver.jwt.issuer-uri",
          "spring.security.oauth2.resourceserver.jwt.audiences",
          "profile 'embedded'")
          .doesNotContain("Started TopicMonitorApplication");
    } finally {
      monitor.close();
    }
  }
}
