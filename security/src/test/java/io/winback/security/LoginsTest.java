package io.winback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class LoginsTest {

  private static final SecuritySettings.LocalUser AGENT = new SecuritySettings.LocalUser("agent",
      "{bcrypt}" + new BCryptPasswordEncoder(4).encode("agent"), "Alex Agent", List.of("AGENT"), null);

  @Test
  void withoutTheEmbeddedProfileAndWithoutOidcAServiceRefusesAndNamesTheMissingSettings() {
    Logins logins = new Logins(settings(List.of()), new MockEnvironment(), null, null);

    assertThatThrownBy(() -> logins.require("outreach-desk", Logins.Door.PAGES, Logins.Door.API))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outreach-desk has no login settings")
        .hasMessageContaining("spring.security.oauth2.client.registration.winback.client-id")
        .hasMessageContaining("spring.security.oauth2.client.provider.winback.issuer-uri")
        .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
        .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.audiences")
        .hasMessageContaining("profile 'embedded'");
  }

  @Test
  void anApiOnlyServiceAsksOnlyForTheTokenSettings() {
    Logins logins = new Logins(settings(List.of()), new MockEnvironment(), null, null);

    assertThatThrownBy(() -> logins.require("churn-processor", Logins.Door.API))
        .hasMessageContaining("resourceserver.jwt.issuer-uri")
        .hasMessageNotContaining("oauth2.client.registration");
  }

  @Test
  void theEmbeddedSetupLogsInItsLocalUsersWithBcryptHashes() {
    MockEnvironment embedded = new MockEnvironment();
    embedded.setActiveProfiles(Logins.EMBEDDED_PROFILE);
    Logins logins = new Logins(settings(List.of(AGENT)), embedded, null, null);

    assertThatCode(() -> logins.require("outreach-desk", Logins.Door.PAGES, Logins.Door.API)).doesNotThrowAnyException();
    UserDetails agent = logins.localUsers().loadUserByUsername("agent");
    assertThat(agent.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AGENT");
    assertThat(((LocalUsers.LocalUserDetails) agent).displayName()).isEqualTo("Alex Agent");
  }

  @Test
  void aClearTextOrNoopPasswordIsRefused() {
    MockEnvironment embedded = new MockEnvironment();
    embedded.setActiveProfiles(Logins.EMBEDDED_PROFILE);
    SecuritySettings noop = settings(List.of(new SecuritySettings.LocalUser("agent", "{noop}agent", null,
        List.of("AGENT"), null)));

    assertThatThrownBy(() -> new Logins(noop, embedded, null, null))
        .hasMessageContaining("winback.security.local-users[0].password must be a {bcrypt} hash");
  }

  @Test
  void theEmbeddedProfileWithoutUsersRefusesToo() {
    MockEnvironment embedded = new MockEnvironment();
    embedded.setActiveProfiles(Logins.EMBEDDED_PROFILE);
    Logins logins = new Logins(settings(List.of()), embedded, null, null);

    assertThatThrownBy(() -> logins.require("topic-monitor", Logins.Door.PAGES))
        .hasMessageContaining("winback.security.local-users is empty");
  }

  private static SecuritySettings settings(List<SecuritySettings.LocalUser> users) {
    return new SecuritySettings("roles", "account_manager_id", users);
  }
}
