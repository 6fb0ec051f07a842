package io.winback.testsupport.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.winback.testsupport.oidc.OidcTestProvider.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The provider as a service's resource server and login client meet it: discovery, JWKS, tokens
 * from the real token endpoint verified by Spring Security's own decoder, users' tokens through the
 * real login form, userinfo, refresh, and the clients a test registers at run time.
 */
class OidcTestProviderIT {

  private static final String API = "winback-desk";
  private static final String CALLBACK = "http://127.0.0.1/login/oauth2/code/oidc";

  private static OidcTestProvider provider;
  private static NimbusJwtDecoder decoder;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    provider = OidcTestProvider.start()
        .webClient("desk", "desk-secret", CALLBACK, "http://127.0.0.1/", API)
        .machineClient("callcentre", "callcentre-secret", List.of("AGENT"), API, Duration.ofMinutes(5))
        .machineClient("elsewhere", "elsewhere-secret", List.of("AGENT"), "another-api", Duration.ofMinutes(5))
        .expiredMachineClient("stale", "stale-secret", List.of("AGENT"), API);
    decoder = NimbusJwtDecoder.withIssuerLocation(provider.issuer()).build();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  void discoveryNamesEveryEndpointUnderTheIssuer() throws Exception {
    assertThat(provider.issuer()).matches("http://localhost:\\d+");
    Map<String, Object> discovery = getJson(provider.issuer() + "/.well-known/openid-configuration", null);
    assertThat(discovery).containsEntry("issuer", provider.issuer());
    for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
        "end_session_endpoint")) {
      assertThat((String) discovery.get(endpoint)).as(endpoint).startsWith(provider.issuer() + "/");
    }
    assertThat(discovery.get("grant_types_supported").toString())
        .contains("authorization_code", "client_credentials", "refresh_token");
    Map<String, Object> jwks = getJson((String) discovery.get("jwks_uri"), null);
    assertThat((List<?>) jwks.get("keys")).hasSize(1);
  }

  @Test
  void aClientCredentialsTokenVerifiesAndCarriesTheClientsRolesAndAudience() {
    Jwt token = decoder.decode(provider.clientCredentialsToken("callcentre", "callcentre-secret"));

    assertThat(token.getIssuer().toString()).isEqualTo(provider.issuer());
    assertThat(token.getSubject()).isEqualTo("callcentre");
    assertThat(token.getAudience()).containsExactly(API);
    assertThat(token.getClaimAsStringList("roles")).containsExactly("AGENT");
    assertThat(token.getExpiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
    assertThat(audienceChecking(API).decode(provider.clientCredentialsToken("callcentre", "callcentre-secret"))
        .getSubject()).isEqualTo("callcentre");
  }

  @Test
  void aTokenOfAnotherAudienceFailsTheAudienceCheck() {
    String token = provider.clientCredentialsToken("elsewhere", "elsewhere-secret");

    assertThat(decoder.decode(token).getAudience()).containsExactly("another-api");
    assertThatThrownBy(() -> audienceChecking(API).decode(token)).isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("aud");
  }

  @Test
  void anExpiredMachineClientsTokenIsSignedButExpired() {
    String token = provider.clientCredentialsToken("stale", "stale-secret");

    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void aWrongSecretGetsNoToken() {
    assertThatThrownBy(() -> provider.clientCredentialsToken("callcentre", "guessed"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("401");
  }

  @Test
  void aUsersLoginThroughTheLoginFormGivesTokensWithTheirRolesAndClaims() throws Exception {
    Tokens tokens = provider.logIn("desk", "desk-secret", "http://127.0.0.1:40123/login/oauth2/code/oidc",
        "jonas", "jonas");

    Jwt idToken = decoder.decode(tokens.idToken());
    assertThat(idToken.getSubject()).isEqualTo("jonas");
    assertThat(idToken.getAudience()).containsExactly("desk");
    assertThat(idToken.getClaimAsStringList("roles")).containsExactly("AGENT");
    assertThat(idToken.getClaims()).containsEntry("name", "Jonas Weber").containsEntry("preferred_username", "jonas")
        .containsEntry("email", "jonas@winback.test").containsEntry("account_manager_id", "am-1")
        .containsKeys("nonce", "sid");

    Jwt accessToken = audienceChecking(API).decode(tokens.accessToken());
    assertThat(accessToken.getSubject()).isEqualTo("jonas");
    assertThat(accessToken.getClaimAsStringList("roles")).containsExactly("AGENT");
    assertThat(accessToken.getClaimAsString("account_manager_id")).isEqualTo("am-1");

    Map<String, Object> userInfo = getJson(provider.issuer() + "/userinfo", tokens.accessToken());
    assertThat(userInfo).containsEntry("sub", "jonas").containsEntry("name", "Jonas Weber")
        .containsEntry("account_manager_id", "am-1").containsEntry("roles", List.of("AGENT"));

    Tokens refreshed = provider.refresh("desk", "desk-secret", tokens.refreshToken());
    assertThat(decoder.decode(refreshed.accessToken()).getClaimAsStringList("roles")).containsExactly("AGENT");
  }

  @Test
  void usersAddedWhileTheProviderRunsLogIn() {
    provider.user("mara", "s3cret", List.of("OPS_ADMIN", "OPS_VIEWER"), Map.of("name", "Mara Ops"));

    Jwt idToken = decoder.decode(provider.logIn("desk", "desk-secret", CALLBACK, "mara", "s3cret").idToken());

    assertThat(idToken.getClaimAsStringList("roles")).containsExactly("OPS_ADMIN", "OPS_VIEWER");
    assertThat(idToken.getClaimAsString("name")).isEqualTo("Mara Ops");
  }

  @Test
  void theLoginFormRefusesAWrongPassword() {
    assertThatThrownBy(() -> provider.logIn("desk", "desk-secret", CALLBACK, "agent", "wrong"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused");
  }

  @Test
  void anUnregisteredRedirectUriIsRefused() {
    assertThatThrownBy(() -> provider.logIn("desk", "desk-secret", "http://localhost:1/elsewhere", "agent", "agent"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("400");
  }

  @Test
  void aClientRegisteredAgainOnceThePortIsKnownReplacesTheEarlierRegistration() {
    provider.webClient("moving", "moving-secret", "http://localhost:1111/callback", null);
    assertThatThrownBy(() -> provider.logIn("moving", "moving-secret", "http://localhost:2222/callback", "agent", "agent"))
        .as("a host name, not a loopback literal: the port must match").isInstanceOf(IllegalStateException.class);

    provider.webClient("moving", "moving-secret", "http://localhost:2222/callback", null);

    assertThat(provider.logIn("moving", "moving-secret", "http://localhost:2222/callback", "agent", "agent")
        .accessToken()).isNotBlank();
    assertThatThrownBy(() -> provider.logIn("moving", "moving-secret", "http://localhost:1111/callback", "agent", "agent"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPublicClientLogsInWithPkceAlone() {
    provider.webClient("spa", null, "http://127.0.0.1/callback", null);

    Tokens tokens = provider.logIn("spa", null, "http://127.0.0.1:5173/callback", "lead", "lead");

    assertThat(decoder.decode(tokens.accessToken()).getClaimAsStringList("roles")).containsExactly("LEAD", "AGENT");
  }

  @Test
  void keycloaksRealmAccessShapeByOption() {
    try (OidcTestProvider keycloakShaped = OidcTestProvider.start(Options.defaults()
        .withRoleClaim(RoleClaim.REALM_ACCESS).withoutDefaultUsers()
        .withUser("ops", "ops", List.of("OPS_VIEWER"), Map.of()))) {
      keycloakShaped.machineClient("monitor", "monitor-secret", List.of("OPS_VIEWER"), "winback-monitor",
          Duration.ofMinutes(1)).webClient("monitor-ui", "ui-secret", CALLBACK, null);
      NimbusJwtDecoder itsDecoder = NimbusJwtDecoder.withIssuerLocation(keycloakShaped.issuer()).build();

      Jwt machine = itsDecoder.decode(keycloakShaped.clientCredentialsToken("monitor", "monitor-secret"));
      Jwt user = itsDecoder.decode(keycloakShaped.logIn("monitor-ui", "ui-secret", CALLBACK, "ops", "ops").idToken());

      assertThat(keycloakShaped.roleClaim().path()).isEqualTo("realm_access.roles");
      for (Jwt token : List.of(machine, user)) {
        assertThat(token.getClaims()).doesNotContainKey("roles");
        assertThat(token.getClaimAsMap("realm_access")).containsEntry("roles", List.of("OPS_VIEWER"));
      }
      assertThatThrownBy(() -> keycloakShaped.logIn("monitor-ui", "ui-secret", CALLBACK, "agent", "agent"))
          .as("withoutDefaultUsers").isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> decoder.decode(keycloakShaped.clientCredentialsToken("monitor", "monitor-secret")))
          .as("another provider's key and issuer").isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void theSharedProviderIsStartedOncePerOptions() {
    OidcTestProvider shared = OidcTestProvider.shared();
    shared.close();

    assertThat(OidcTestProvider.shared()).isSameAs(shared);
    assertThat(OidcTestProvider.shared(Options.defaults())).isSameAs(shared);
    assertThat(shared.issuer()).isNotEqualTo(provider.issuer());
    shared.machineClient("probe", "probe-secret", List.of(), "x", Duration.ofMinutes(1));
    assertThat(NimbusJwtDecoder.withIssuerLocation(shared.issuer()).build()
        .decode(shared.clientCredentialsToken("probe", "probe-secret")).getSubject()).isEqualTo("probe");
  }

  @Test
  void ignoresTheTestJvmsPropertiesAndKeepsItsSessionCookieApart() throws Exception {
    Map<String, String> hostile = Map.of("server.servlet.context-path", "/hijacked",
        "server.servlet.session.cookie.name", "JSESSIONID", "winback.oidc.issuer", "http://elsewhere.example");
    hostile.forEach(System::setProperty);
    try (OidcTestProvider isolated = OidcTestProvider.start()) {
      assertThat(getJson(isolated.issuer() + "/.well-known/openid-configuration", null))
          .containsEntry("issuer", isolated.issuer());
      HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(isolated.issuer() + "/login"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(loginPage.statusCode()).isEqualTo(200);
      assertThat(loginPage.headers().allValues("Set-Cookie"))
          .anySatisfy(cookie -> assertThat(cookie).startsWith(OidcTestProvider.SESSION_COOKIE + "="))
          .noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="));
    } finally {
      hostile.keySet().forEach(System::clearProperty);
    }
  }

  private NimbusJwtDecoder audienceChecking(String audience) {
    NimbusJwtDecoder checking = NimbusJwtDecoder.withIssuerLocation(provider.issuer()).build();
    OAuth2TokenValidator<Jwt> audienceValidator =
        new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience));
    checking.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(provider.issuer()), audienceValidator));
    return checking;
  }

  private Map<String, Object> getJson(String uri, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + uri + ": " + response.body()).isEqualTo(200);
    return JSONObjectUtils.parse(response.body());
  }
}
