package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Issue 11 in the manifests: every service logs people and machine clients in through the identity
 * provider named by the Secret winback-oidc, the UIs with a client of their own from a Secret; none
 * runs the embedded profile (its local demo users are for ./winback up and laptops), and no login
 * secret is written into a manifest.
 */
class SingleSignOnTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;
  private static final Set<String> SERVICES = Set.of("churn-processor", "outreach-desk", "topic-monitor");
  private static final Set<String> UIS = Set.of("outreach-desk", "topic-monitor");

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyServiceTakesTokensFromTheSharedIssuerAndNoneRunsTheEmbeddedProfile(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    for (String service : SERVICES) {
      Map<String, Object> container = WorkloadsTest.container(manifests, service);
      assertThat(WorkloadsTest.plainEnv(container).getOrDefault("SPRING_PROFILES_ACTIVE", ""))
          .as("%s %s profiles", overlay, service).doesNotContain("embedded");
      assertSecret(overlay, service, container, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "winback-oidc",
          "issuer-uri");
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void eachUiLogsPeopleInWithItsOwnClientFromASecret(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    for (String ui : UIS) {
      Map<String, Object> container = WorkloadsTest.container(manifests, ui);
      assertSecret(overlay, ui, container, "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_WINBACK_ISSUER_URI", "winback-oidc",
          "issuer-uri");
      assertSecret(overlay, ui, container, "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_WINBACK_CLIENT_ID", ui + "-oidc",
          "client-id");
      assertSecret(overlay, ui, container, "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_WINBACK_CLIENT_SECRET",
          ui + "-oidc", "client-secret");
      assertThat(WorkloadsTest.plainEnv(container))
          .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_WINBACK_SCOPE", "openid,profile,email");
    }
  }

  private static void assertSecret(String overlay, String service, Map<String, Object> container, String variable,
      String secret, String key) {
    Map<String, Object> env = WorkloadsTest.env(container).stream().filter(e -> variable.equals(e.get("name")))
        .findFirst().orElseThrow(() -> new AssertionError(overlay + " " + service + " has no " + variable));
    assertThat(env.get("value")).as("%s %s %s as a plain value", overlay, service, variable).isNull();
    Map<String, Object> ref = Manifests.map(env, "valueFrom", "secretKeyRef");
    assertThat(ref).as("%s %s %s", overlay, service, variable).containsEntry("name", secret).containsEntry("key", key);
    assertThat(ref.getOrDefault("optional", false)).as("%s %s %s optional", overlay, service, variable)
        .isEqualTo(false);
  }
}
