package io.winback.testsupport.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.JOSEException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The provider's whole application context: Spring Authorization Server with OpenID Connect, a login
 * form, and only the auto-configurations a servlet server needs. Nothing is scanned and nothing else
 * is auto-configured, so nothing of the application under test (Kafka, DataSource, Flyway, sessions,
 * mail, its own security) reaches it, and nothing of it reaches the application under test.
 *
 * <p>The users, the clients and the token customizer are registered by {@link OidcTestProvider}
 * before the refresh, so that tests can change them while the server runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ServletServerOnly
class ProviderConfiguration {

  /** The authorization server's endpoints: authorize, token, JWKS, discovery, userinfo, logout. */
  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http, TokenClaims claims) {
    OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, as -> as.oidc(oidc -> oidc
            .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(
                context -> claims.userInfo(context.getAuthorization().getPrincipalName())))
            .logoutEndpoint(logout -> logout.authenticationProviders(providers -> providers.stream()
                .filter(OidcLogoutAuthenticationProvider.class::isInstance)
                .map(OidcLogoutAuthenticationProvider.class::cast)
                .forEach(provider -> provider.setAuthenticationValidator(new LoopbackPostLogoutRedirects()))))))
        .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
        // A browser (or HeadlessLogin) that is not logged in goes to the login form.
        .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  /** The provider's own login page: Spring Security's form login against {@link TestUsers}. */
  @Bean
  @Order(2)
  SecurityFilterChain loginPage(HttpSecurity http) {
    http.authorizeHttpRequests(authorize -> authorize.requestMatchers("/error").permitAll()
            .anyRequest().authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return TestUsers.PASSWORDS;
  }

  /** A signing key of this provider alone, made at start: tokens of an earlier run never verify. */
  @Bean
  JWKSource<SecurityContext> jwkSource() throws JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
    return new ImmutableJWKSet<>(new JWKSet(key));
  }

  /** For the userinfo endpoint, which takes the provider's own access tokens. */
  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
    return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(@Value("${winback.oidc.issuer}") String issuer) {
    return AuthorizationServerSettings.builder().issuer(issuer).build();
  }

  /** Lets the session registry behind logout and the {@code sid} claim forget ended sessions. */
  @Bean
  HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }
}
