package io.winback.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service's security reads (winback.security.*). Single sign-on itself is
 * configured the standard way: spring.security.oauth2.client.* (login to the pages) and
 * spring.security.oauth2.resourceserver.jwt.* (bearer tokens on the APIs).
 *
 * @param rolesClaim where the roles are in a token or user info, a dotted path (default
 *     {@code roles}; Keycloak: {@code realm_access.roles})
 * @param accountManagerClaim the claim that names a user's CRM account-manager id, if they are one
 * @param localUsers the embedded setup's users (profile {@code embedded} only; BCrypt hashes)
 */
@ConfigurationProperties("winback.security")
public record SecuritySettings(
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("account_manager_id") String accountManagerClaim,
    List<LocalUser> localUsers) {

  public SecuritySettings {
    localUsers = localUsers == null ? List.of() : List.copyOf(localUsers);
  }

  public RoleClaim roleClaim() {
    return new RoleClaim(rolesClaim);
  }

  /**
   * A user of the embedded setup: a {@code {bcrypt}} password hash, never a clear text one;
   * {@code accountManagerId} is the CRM's id of this person as an account manager.
   */
  public record LocalUser(String username, String password, String displayName, List<String> roles,
      String accountManagerId) {

    public LocalUser {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }
}
