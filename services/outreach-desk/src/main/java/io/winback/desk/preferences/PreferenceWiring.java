package io.winback.desk.preferences;

import io.winback.desk.preferences.PreferenceLinks.SigningKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signing keys and the public address of the preference page, checked at start-up: without
 * them no email could carry a working "no thanks", so the desk refuses to start and names the
 * settings (the embedded setup brings a development key of its own).
 */
@Configuration
public class PreferenceWiring {

  static final String NOT_CONFIGURED = "The outreach desk has no preference link settings, so it refuses to start: "
      + "every email carries a one-click unsubscribe and a link to the customer's preference page, signed with a "
      + "key. Set winback.desk.preferences.public-base-url (WINBACK_DESK_PREFERENCES_PUBLIC_BASE_URL, e.g. "
      + "https://preferences.example.com), winback.desk.preferences.current-key (WINBACK_DESK_PREFERENCES_CURRENT_KEY) "
      + "and winback.desk.preferences.keys[0].id / .secret (WINBACK_DESK_PREFERENCES_KEYS_0_ID, "
      + "WINBACK_DESK_PREFERENCES_KEYS_0_SECRET: Base64 of at least 32 random bytes), or run the embedded setup "
      + "(./winback up, Spring profile 'embedded').";

  @Bean
  PreferenceLinks preferenceLinks(PreferenceSettings settings, Clock clock) {
    List<String> missing = new ArrayList<>();
    if (settings.publicBaseUrl() == null) {
      missing.add("public-base-url");
    } else if (!List.of("https", "http").contains(String.valueOf(settings.publicBaseUrl().getScheme()))
        || settings.publicBaseUrl().getHost() == null) {
      throw new IllegalStateException("winback.desk.preferences.public-base-url must be an https:// address (http:// "
          + "only on a developer's machine), not " + settings.publicBaseUrl());
    }
    if (settings.currentKey() == null || settings.currentKey().isBlank()) {
      missing.add("current-key");
    }
    if (settings.keys().isEmpty()) {
      missing.add("keys");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(NOT_CONFIGURED + " Missing: " + String.join(", ", missing) + ".");
    }
    List<SigningKey> keys = settings.keys().stream().map(PreferenceWiring::signingKey).toList();
    SigningKey current = keys.stream().filter(key -> key.id().equals(settings.currentKey())).findFirst()
        .orElseThrow(() -> new IllegalStateException("winback.desk.preferences.current-key names " + settings.currentKey()
            + ", which is not among winback.desk.preferences.keys"));
    return new PreferenceLinks(current, keys, clock);
  }

  private static SigningKey signingKey(PreferenceSettings.Key key) {
    if (key.secret() == null || key.secret().isBlank()) {
      throw new IllegalStateException("winback.desk.preferences.keys: key " + key.id() + " has no secret");
    }
    try {
      return new SigningKey(key.id(), Base64.getDecoder().decode(key.secret().strip()));
    } catch (IllegalArgumentException e) {
      // Never the secret itself in the message.
      throw new IllegalStateException("winback.desk.preferences.keys: key " + key.id() + ": " + e.getMessage()
          .replace(key.secret(), "(secret)"));
    }
  }
}
