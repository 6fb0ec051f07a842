package io.winback.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Where a token or an OpenID Connect user carries its roles: a claim named by
 * {@code winback.security.roles-claim}, a dotted path into nested claims (Keycloak puts realm roles
 * in {@code realm_access.roles}, Entra ID app roles in {@code roles}). The value may be a list or a
 * space- or comma-separated string; only Winback's {@link Roles} count, in any letter case.
 */
public record RoleClaim(String path) {

  public RoleClaim {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("winback.security.roles-claim must name the claim that holds the roles");
    }
  }

  /** The roles found at the path, as Winback's role names. */
  public Set<String> roles(Map<String, Object> claims) {
    Object value = claims;
    for (String step : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return Set.of();
      }
      value = map.get(step);
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String candidate : values(value)) {
      String role = candidate.strip().toUpperCase(Locale.ROOT);
      if (role.startsWith("ROLE_")) {
        role = role.substring("ROLE_".length());
      }
      if (Roles.ALL.contains(role)) {
        roles.add(role);
      }
    }
    return roles;
  }

  public Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    roles(claims).forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
    return authorities;
  }

  private static List<String> values(Object value) {
    if (value instanceof Collection<?> collection) {
      return collection.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text) {
      return List.of(text.split("[\\s,]+"));
    }
    return List.of();
  }
}
