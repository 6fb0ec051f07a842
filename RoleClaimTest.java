package io.winback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleClaimTest {

  @Test
  void aTopLevelListOfRolesIsReadAndOnlyWinbacksRolesCount() {
    Map<String, Object> claims = Map.of("roles", List.of("AGENT", "LEAD", "offline_access", "uma_authorization"));

    assertThat(new RoleClaim("roles").roles(claims)).containsExactly("AGENT", "LEAD");
  }

  @Test
  void keycloaksRealmRolesAreReadThroughADottedPath() {
    Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("ops_viewer", "default-roles-winback")));

    assertThat(new RoleClaim("realm_access.roles").roles(claims)).containsExactly("OPS_VIEWER");
    assertThat(new RoleClaim("roles").roles(claims)).isEmpty();
  }

  @Test
  void aSpaceOrCommaSeparatedStringAndRolePrefixesAreUnderstood() {
    assertThat(new RoleClaim("groups").roles(Map.of("groups", "ROLE_AGENT, lead OPS_ADMIN")))
        .containsExactly("AGENT", "LEAD", "OPS_ADMIN");
  }

  @Test
  void aMissingOrOddlyShapedClaimGivesNoRoles() {
    assertThat(new RoleClaim("realm_access.roles").roles(Map.of("realm_access", "AGENT"))).isEmpty();
    assertThat(new RoleClaim("roles").roles(Map.of())).isEmpty();
    assertThat(new RoleClaim("roles").roles(Map.of("roles", 42))).isEmpty();
  }

  @Test
  void theClaimMustBeNamed() {
    assertThatThrownBy(() -> new RoleClaim(" ")).hasMessageContaining("winback.security.roles-claim");
  }

  @Test
  void authoritiesAreSpringSecurityRoles() {
    assertThat(new RoleClaim("roles").authorities(Map.of("roles", List.of("OPS_ADMIN"))))
        .extracting(Object::toString).containsExactly("ROLE_OPS_ADMIN");
  }
}
