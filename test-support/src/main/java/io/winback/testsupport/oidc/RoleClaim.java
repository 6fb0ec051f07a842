package io.winback.testsupport.oidc;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where the provider puts a user's or a machine client's roles in its ID tokens, access tokens and
 * userinfo answers, so that a service's configurable role claim can be tested in both shapes that
 * providers use in practice.
 */
public enum RoleClaim {

  /** A top-level {@code "roles": ["AGENT", "LEAD"]}, as Entra ID's app roles and many providers send it. */
  ROLES("roles"),

  /** Keycloak's realm roles: {@code "realm_access": {"roles": ["AGENT", "LEAD"]}}. */
  REALM_ACCESS("realm_access.roles");

  private final String path;

  RoleClaim(String path) {
    this.path = path;
  }

  /** The claim as a service's configuration names it: {@code roles} or {@code realm_access.roles}. */
  public String path() {
    return path;
  }

  /** Adds {@code roles} in this shape through {@code claim} (a claims builder's {@code claim(name, value)}). */
  void put(List<String> roles, BiConsumer<String, Object> claim) {
    List<String> copy = List.copyOf(roles);
    if (this == ROLES) {
      claim.accept("roles", copy);
    } else {
      claim.accept("realm_access", Map.of("roles", copy));
    }
  }
}
