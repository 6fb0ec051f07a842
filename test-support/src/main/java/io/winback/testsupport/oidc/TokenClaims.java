package io.winback.testsupport.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What the provider writes into its tokens beyond the OAuth2 basics: a user's roles and claims into
 * ID and access tokens (and the same into userinfo), a machine client's roles, and the audience a
 * client's settings name. Keyed by the registered client's settings, so clients registered at run
 * time get their claims without a restart.
 */
final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  /** Client setting: the roles a client-credentials token carries ({@code List<String>}). */
  static final String ROLES = "winback.test.roles";
  /** Client setting: the {@code aud} of the client's access tokens ({@code String}); without it SAS puts the client id. */
  static final String AUDIENCE = "winback.test.audience";
  /** Client setting: how long ago the client's access tokens say they were issued ({@link Duration}). */
  static final String ISSUED_AGO = "winback.test.issued-ago";

  private final TestUsers users;
  private final RoleClaim roleClaim;

  TokenClaims(TestUsers users, RoleClaim roleClaim) {
    this.users = users;
    this.roleClaim = roleClaim;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    JwtClaimsSet.Builder claims = context.getClaims();
    RegisteredClient client = context.getRegisteredClient();
    ClientSettings settings = client.getClientSettings();
    boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      List<String> roles = settings.getSetting(ROLES);
      roleClaim.put(roles == null ? List.of() : roles, claims::claim);
    } else {
      userClaims(context.getPrincipal().getName()).forEach(claims::claim);
    }
    if (accessToken) {
      String audience = settings.getSetting(AUDIENCE);
      if (audience != null) {
        claims.audience(List.of(audience));
      }
      Duration issuedAgo = settings.getSetting(ISSUED_AGO);
      if (issuedAgo != null) {
        backdate(claims, issuedAgo, client.getTokenSettings().getAccessTokenTimeToLive());
      }
    }
  }

  /** The claims userinfo answers with: everything the ID token says about the user. */
  OidcUserInfo userInfo(String username) {
    Map<String, Object> claims = new LinkedHashMap<>(userClaims(username));
    claims.put("sub", username);
    return new OidcUserInfo(claims);
  }

  private Map<String, Object> userClaims(String username) {
    Map<String, Object> claims = new LinkedHashMap<>();
    users.find(username).ifPresent(user -> {
      claims.putAll(user.claims());
      roleClaim.put(user.roles(), claims::put);
    });
    return claims;
  }

  /**
   * A token issued {@code issuedAgo} before now that lived {@code ttl}: signed like any other, and
   * expired by its own {@code exp} before it reaches the test, beyond a resource server's clock skew.
   */
  private static void backdate(JwtClaimsSet.Builder claims, Duration issuedAgo, Duration ttl) {
    Instant issuedAt = Instant.now().minus(issuedAgo);
    claims.issuedAt(issuedAt).notBefore(issuedAt).expiresAt(issuedAt.plus(ttl));
  }
}
