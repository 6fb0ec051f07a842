package io.winback.processor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.testsupport.ServiceJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The processor jar as it ships, with its default configuration and no profile: no JWT issuer and
 * no embedded setup, so nobody could log in to the case API. It must not start (an open case API
 * is worse than none), and it must say which settings are missing.
 */
class NoLoginSettingsIT {

  @Test
  void withoutAnIssuerOrTheEmbeddedProfileTheProcessorRefusesToStartAndNamesTheSettings() throws Exception {
    try (ServiceJar processor = ServiceJar.of(Path.of("target", "churn-processor.jar"), "processor-without-logins")
        .start()) {
      int exitCode = processor.awaitExit(Duration.ofSeconds(120));
      String output = Files.readString(processor.log(), StandardCharsets.UTF_8);
      assertThat(exitCode).as("exit code; output:%n%s", processor.logTail(40)).isNotZero();
      assertThat(output)
          .contains("churn-processor has no login settings, so it refuses to start")
          .contains("spring.security.oauth2.resourceserver.jwt.issuer-uri")
          .contains("embedded");
    }
  }
}
