package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Safe defaults: the desk's jar started as production would start it but with what ships in it,
 * i.e. without the embedded profile and without login or mail settings, refuses to start, exits
 * non-zero and says which settings are missing.
 */
@KafkaIntegrationTest
class DeskStartupIT {

  private static final Duration WAIT = Duration.ofMinutes(2);

  @Test
  void withoutLoginSettingsAndOutsideTheEmbeddedSetupTheDeskRefusesToStartAndSaysWhy() throws Exception {
    TestDatabase db = PostgresTestServer.get().newDatabase("desk_startup");
    try (ServiceJar desk = withPreferenceLinks(desk("desk-no-logins", db)).arg("--spring.mail.host=127.0.0.1").start()) {
      assertThat(desk.awaitExit(WAIT)).isNotZero();
      String log = Files.readString(desk.log());
      assertThat(log).contains("outreach-desk has no login settings, so it refuses to start")
          .contains("spring.security.oauth2.client.registration.winback.client-id")
          .contains("spring.security.oauth2.client.provider.winback.issuer-uri")
          .contains("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }
  }

  @Test
  void withoutAnSmtpServerOutsideTheEmbeddedSetupTheDeskRefusesToStartAndSaysWhy() throws Exception {
    TestDatabase db = PostgresTestServer.get().newDatabase("desk_startup");
    try (ServiceJar desk = desk("desk-no-smtp", db).env("SPRING_PROFILES_ACTIVE", "embedded")
        .arg("--winback.desk.embedded-smtp=false").start()) {
      assertThat(desk.awaitExit(WAIT)).isNotZero();
      assertThat(Files.readString(desk.log())).contains("The outreach desk has no SMTP server to send email through")
          .contains("spring.mail.host");
    }
  }

  @Test
  void withoutPreferenceLinkSettingsOutsideTheEmbeddedSetupTheDeskRefusesToStartAndSaysWhy() throws Exception {
    TestDatabase db = PostgresTestServer.get().newDatabase("desk_startup");
    // The embedded setup with its SMTP sink and local users, but no key named to sign links with.
    try (ServiceJar desk = desk("desk-no-preferences", db).env("SPRING_PROFILES_ACTIVE", "embedded")
        .arg("--winback.desk.embedded-smtp-port=" + ServiceJar.freePort())
        .arg("--winback.desk.preferences.current-key=").start()) {
      assertThat(desk.awaitExit(WAIT)).isNotZero();
      assertThat(Files.readString(desk.log())).contains("has no preference link settings, so it refuses to start")
          .contains("WINBACK_DESK_PREFERENCES_PUBLIC_BASE_URL").contains("WINBACK_DESK_PREFERENCES_KEYS_0_SECRET");
    }
  }

  /** The preference link settings an operator sets, so that only the refusal under test remains. */
  private static ServiceJar withPreferenceLinks(ServiceJar desk) {
    return desk.env("WINBACK_DESK_PREFERENCES_PUBLIC_BASE_URL", "https://preferences.winback.test")
        .env("WINBACK_DESK_PREFERENCES_CURRENT_KEY", "k1")
        .env("WINBACK_DESK_PREFERENCES_KEYS_0_ID", "k1")
        .env("WINBACK_DESK_PREFERENCES_KEYS_0_SECRET", DeskSecurityIT.TEST_KEY);
  }

  private static ServiceJar desk(String name, TestDatabase db) {
    return ServiceJar.of(Path.of("target", "outreach-desk.jar"), name + "-" + UUID.randomUUID().toString()
            .substring(0, 8))
        .env("SPRING_DATASOURCE_URL", db.jdbcUrl())
        .env("SPRING_DATASOURCE_USERNAME", db.username())
        .env("SPRING_DATASOURCE_PASSWORD", db.password())
        .arg("--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers());
  }
}
