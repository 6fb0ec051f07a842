package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The links in the desk's emails and letters (issue 13): they point at the preference host's own
 * Ingress over https (which IngressTest holds to /p only), and the keys that sign them come from a
 * Secret, never from the manifests, with a second, optional slot for the key being rotated out.
 */
class DeskPreferencesTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;
  static final String SECRET = "outreach-desk-preferences";

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theLinksPointAtThePreferenceHostOverHttps(String overlay) {
    Map<String, Object> container = WorkloadsTest.container(Kustomize.overlay(overlay), DatabaseTest.DESK);
    assertThat(WorkloadsTest.plainEnv(container)).containsEntry("WINBACK_DESK_PREFERENCES_PUBLIC_BASE_URL",
        "https://" + Site.of(overlay).preferencesHost());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theSigningKeysComeFromASecretWithARotationSlot(String overlay) {
    Map<String, Object> container = WorkloadsTest.container(Kustomize.overlay(overlay), DatabaseTest.DESK);
    Map<String, String> expected = Map.of(
        "WINBACK_DESK_PREFERENCES_CURRENT_KEY", "current-key-id",
        "WINBACK_DESK_PREFERENCES_KEYS_0_ID", "current-key-id",
        "WINBACK_DESK_PREFERENCES_KEYS_0_SECRET", "current-key-secret",
        "WINBACK_DESK_PREFERENCES_KEYS_1_ID", "previous-key-id",
        "WINBACK_DESK_PREFERENCES_KEYS_1_SECRET", "previous-key-secret");
    SoftAssertions softly = new SoftAssertions();
    for (Map.Entry<String, String> variable : expected.entrySet()) {
      Map<String, Object> env = WorkloadsTest.env(container).stream().filter(e -> variable.getKey().equals(e.get("name")))
          .findFirst().orElse(Map.of());
      String name = overlay + " desk " + variable.getKey();
      softly.assertThat(env.get("value")).as("%s: not a plain value", name).isNull();
      Map<String, Object> ref = Manifests.map(env, "valueFrom", "secretKeyRef");
      softly.assertThat(ref.get("name")).as("%s: from the Secret", name).isEqualTo(SECRET);
      softly.assertThat(ref.get("key")).as("%s: its key", name).isEqualTo(variable.getValue());
      // The current key is required (no start without it); the previous one only during a rotation.
      softly.assertThat(Boolean.TRUE.equals(ref.get("optional"))).as("%s optional", name)
          .isEqualTo(variable.getKey().contains("_KEYS_1_"));
    }
    softly.assertAll();
  }
}
