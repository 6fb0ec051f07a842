package io.winback.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is asking, however they logged in (OpenID Connect, a bearer token, a local user of the
 * embedded setup): the user name, a name to show, the Winback roles and, for an account manager,
 * their CRM id. Never their email or phone: the services need none of it.
 */
public record WinbackUser(String username, String displayName, Set<String> roles, String accountManagerId) {

  public WinbackUser {
    roles = Set.copyOf(roles);
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  public static WinbackUser of(Authentication authentication, SecuritySettings settings) {
    Set<String> roles = new LinkedHashSet<>();
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith("ROLE_") && Roles.ALL.contains(name.substring(5))) {
        roles.add(name.substring(5));
      }
    }
    Object principal = authentication.getPrincipal();
    if (principal instanceof LocalUsers.LocalUserDetails local) {
      return new WinbackUser(local.getUsername(), local.displayName(), roles, local.accountManagerId());
    }
    if (principal instanceof OidcUser oidc) {
      Map<String, Object> claims = oidc.getClaims();
      return new WinbackUser(authentication.getName(), text(claims, "name", authentication.getName()), roles,
          text(claims, settings.accountManagerClaim(), null));
    }
    if (authentication instanceof JwtAuthenticationToken token) {
      Jwt jwt = token.getToken();
      return new WinbackUser(authentication.getName(), text(jwt.getClaims(), "name", authentication.getName()), roles,
          text(jwt.getClaims(), settings.accountManagerClaim(), null));
    }
    return new WinbackUser(authentication.getName(), authentication.getName(), roles, null);
  }

  private static String text(Map<String, Object> claims, String name, String fallback) {
    Object value = name == null ? null : claims.get(name);
    return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
  }
}
