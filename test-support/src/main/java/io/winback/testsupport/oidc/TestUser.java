package io.winback.testsupport.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person who can log in at the provider's login page.
 *
 * @param username the login name, also the tokens' {@code sub}
 * @param password what the login form takes (tests use the user name)
 * @param roles    AGENT, LEAD, OPS_VIEWER, OPS_ADMIN, ...; put into every token in the provider's {@link RoleClaim} shape
 * @param claims   further claims for the ID token, the access token and userinfo, such as {@code name},
 *                 {@code email} or {@code account_manager_id}; {@code preferred_username} defaults to the user name
 */
public record TestUser(String username, String password, List<String> roles, Map<String, Object> claims) {

  public TestUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    roles = roles == null ? List.of() : List.copyOf(roles);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("preferred_username", username);
    if (claims != null) {
      all.putAll(claims);
    }
    claims = Map.copyOf(all);
  }

  /** The users every provider starts with (unless {@link OidcTestProvider.Options#withoutDefaultUsers()}). */
  static List<TestUser> defaults() {
    return List.of(
        person("agent", "Alex Agent", List.of("AGENT")),
        person("agent2", "Andrea Agent", List.of("AGENT")),
        person("lead", "Lea Lead", List.of("LEAD", "AGENT")),
        person("opsviewer", "Olli Ops", List.of("OPS_VIEWER")),
        person("opsadmin", "Oda Admin", List.of("OPS_ADMIN", "OPS_VIEWER")),
        new TestUser("jonas", "jonas", List.of("AGENT"), Map.of("name", "Jonas Weber",
            "email", "jonas@winback.test", "account_manager_id", "am-1")));
  }

  private static TestUser person(String username, String name, List<String> roles) {
    return new TestUser(username, username, roles, Map.of("name", name, "email", username + "@winback.test"));
  }
}
