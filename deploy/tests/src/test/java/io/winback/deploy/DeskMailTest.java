package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Where the desk's mail goes. The desk refuses to start without spring.mail.host unless
 * winback.desk.embedded-smtp asks for its own SMTP sink: every overlay chooses one, prod a real relay.
 * No overlay runs the embedded profile (its local users are for ./winback up and laptops).
 */
class DeskMailTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  private static final String EMBEDDED = "embedded";

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theDeskHasAMailHostOrAsksForItsEmbeddedSink(String overlay) {
    Map<String, Object> container = WorkloadsTest.container(Kustomize.overlay(overlay), DatabaseTest.DESK);
    assertThat(variable(container, "SPRING_MAIL_HOST").isPresent()
        || variable(container, "WINBACK_DESK_EMBEDDED_SMTP").map(env -> "true".equals(env.get("value"))).orElse(false))
        .as("%s desk: SPRING_MAIL_HOST or its own SMTP sink", overlay).isTrue();
    assertThat(profiles(container)).as("%s desk profiles", overlay).doesNotContain(EMBEDDED);
    // A mail login is never written into the manifests.
    for (String secret : List.of("SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD")) {
      variable(container, secret).ifPresent(env -> {
        assertThat(env.get("value")).as("%s desk %s as a plain value", overlay, secret).isNull();
        assertThat(Manifests.map(env, "valueFrom", "secretKeyRef")).as("%s desk %s from a Secret", overlay, secret).isNotEmpty();
      });
    }
  }

  @Test
  void prodSendsThroughARequiredRelayOverTls() {
    Map<String, Object> container = WorkloadsTest.container(Kustomize.overlay("prod"), DatabaseTest.DESK);
    assertThat(profiles(container)).as("prod desk profiles").doesNotContain(EMBEDDED);
    Map<String, Object> host = variable(container, "SPRING_MAIL_HOST")
        .orElseThrow(() -> new AssertionError("prod desk has no SPRING_MAIL_HOST"));
    if (host.get("value") == null) {
      Map<String, Object> ref = Manifests.map(host, "valueFrom", "configMapKeyRef");
      assertThat(ref).as("prod SPRING_MAIL_HOST from a ConfigMap").isNotEmpty();
      assertThat(ref.get("optional")).as("prod: the desk does not start without its relay's ConfigMap").isEqualTo(false);
    }
    Map<String, String> plain = WorkloadsTest.plainEnv(container);
    assertThat(plain).containsEntry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED", "true");
  }

  @Test
  void devUsesTheDesksOwnSink() {
    assertThat(WorkloadsTest.plainEnv(WorkloadsTest.container(Kustomize.overlay("dev"), DatabaseTest.DESK)))
        .containsEntry("WINBACK_DESK_EMBEDDED_SMTP", "true");
  }

  private static Optional<Map<String, Object>> variable(Map<String, Object> container, String name) {
    return WorkloadsTest.env(container).stream().filter(e -> name.equals(e.get("name"))).findFirst();
  }

  private static List<String> profiles(Map<String, Object> container) {
    String active = WorkloadsTest.plainEnv(container).getOrDefault("SPRING_PROFILES_ACTIVE", "");
    return Arrays.stream(active.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
  }
}
