package io.winback.testsupport.oidc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The provider's registered clients, added and replaced while it runs, because the redirect URI of
 * an application under test is often known only once that application has its port. (SAS's
 * in-memory repository wants its clients at construction.)
 */
final class TestClients implements RegisteredClientRepository {

  private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();
  private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

  @Override
  public synchronized void save(RegisteredClient client) {
    RegisteredClient earlier = byClientId.get(client.getClientId());
    if (earlier != null && !earlier.getId().equals(client.getId())) {
      byId.remove(earlier.getId());
    }
    byId.put(client.getId(), client);
    byClientId.put(client.getClientId(), client);
  }

  @Override
  public RegisteredClient findById(String id) {
    return byId.get(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return byClientId.get(clientId);
  }

  /**
   * A browser application: authorization code with the client secret (or, without a secret, as a
   * public client with PKCE), refresh tokens, scopes {@code openid profile email}, no consent page.
   */
  synchronized void web(String clientId, String secret, List<String> redirectUris, List<String> postLogoutRedirectUris,
      String audience) {
    RegisteredClient.Builder client = builderFor(clientId)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUris(uris -> uris.addAll(redirectUris))
        .postLogoutRedirectUris(uris -> uris.addAll(postLogoutRedirectUris))
        .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL);
    ClientSettings.Builder settings = ClientSettings.builder().requireAuthorizationConsent(false);
    if (secret == null) {
      client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
      settings.requireProofKey(true);
    } else {
      secret(client, secret);
      settings.requireProofKey(false); // PKCE accepted, not required: both kinds of confidential client log in
    }
    if (audience != null) {
      settings.setting(TokenClaims.AUDIENCE, audience);
    }
    save(client.clientSettings(settings.build()).build());
  }

  /** A system calling an API: client credentials, its tokens carrying {@code roles} and {@code aud = audience}. */
  synchronized void machine(String clientId, String secret, List<String> roles, String audience, Duration tokenTtl,
      Duration issuedAgo) {
    ClientSettings.Builder settings = ClientSettings.builder()
        .setting(TokenClaims.ROLES, List.copyOf(roles));
    if (audience != null) {
      settings.setting(TokenClaims.AUDIENCE, audience);
    }
    if (issuedAgo != null) {
      settings.setting(TokenClaims.ISSUED_AGO, issuedAgo);
    }
    RegisteredClient.Builder client = builderFor(clientId)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .clientSettings(settings.build())
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build());
    secret(client, secret);
    save(client.build());
  }

  /**
   * A client id registered again replaces the earlier registration under the same internal id, so
   * that authorizations already issued to it still find their client.
   */
  private RegisteredClient.Builder builderFor(String clientId) {
    RegisteredClient existing = byClientId.get(clientId);
    String id = existing != null ? existing.getId() : UUID.randomUUID().toString();
    return RegisteredClient.withId(id).clientId(clientId).clientName(clientId);
  }

  private static void secret(RegisteredClient.Builder client, String secret) {
    client.clientSecret(TestUsers.PASSWORDS.encode(secret))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
  }
}
