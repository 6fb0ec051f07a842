package io.winback.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.http.HttpStatus;
import org.springframework.core.convert.converter.Converter;

/**
 * How people and machine clients log in to a Winback service, the same in every service:
 *
 * <ul>
 *   <li>Pages: OpenID Connect (Spring Security's OAuth2 login) with the client registration
 *       {@value #REGISTRATION_ID} (spring.security.oauth2.client.registration.winback.* and
 *       .provider.winback.issuer-uri); logout ends the session at the provider too.
 *   <li>APIs: JWT bearer tokens from the same issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri),
 *       with the audience checked (…jwt.audiences).
 *   <li>The embedded setup only (profile {@value #EMBEDDED_PROFILE}): form login and HTTP basic
 *       with local users, BCrypt hashes from configuration.
 * </ul>
 * Roles come from {@link RoleClaim}. A service that has neither refuses to start and names what
 * is missing ({@link #require}).
 */
public final class Logins {

  public static final String EMBEDDED_PROFILE = "embedded";
  public static final String REGISTRATION_ID = "winback";
  private static final String OIDC_LOGIN = "/oauth2/authorization/" + REGISTRATION_ID;

  /** What a service offers: pages people log in to, an API machine clients call, or both. */
  public enum Door { PAGES, API }

  private final SecuritySettings settings;
  private final boolean embedded;
  private final ClientRegistrationRepository clients;
  private final JwtDecoder jwtDecoder;
  private final LocalUsers localUsers;

  public Logins(SecuritySettings settings, Environment environment, ClientRegistrationRepository clients,
      JwtDecoder jwtDecoder) {
    this.settings = settings;
    this.embedded = environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE));
    this.clients = clients;
    this.jwtDecoder = jwtDecoder;
    this.localUsers = embedded ? new LocalUsers(settings.localUsers()) : null;
  }

  /**
   * Refuses to go on without a way in for each door: OpenID Connect for pages, a JWT issuer for
   * an API, or the embedded setup's local users. The message names the settings.
   */
  public void require(String service, Door... doors) {
    if (embedded) {
      if (settings.localUsers().isEmpty()) {
        throw new IllegalStateException(service + ": the embedded profile is active but "
            + "winback.security.local-users is empty: nobody could log in");
      }
      return;
    }
    List<String> missing = new ArrayList<>();
    for (Door door : doors) {
      if (door == Door.PAGES && clients == null) {
        missing.add("spring.security.oauth2.client.registration." + REGISTRATION_ID
            + ".client-id, .client-secret (and .scope: openid,profile) and spring.security.oauth2.client.provider."
            + REGISTRATION_ID + ".issuer-uri");
      }
      if (door == Door.API && jwtDecoder == null) {
        missing.add("spring.security.oauth2.resourceserver.jwt.issuer-uri and "
            + "spring.security.oauth2.resourceserver.jwt.audiences");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(service + " has no login settings, so it refuses to start. Set "
          + String.join("; and ", missing) + " (environment variables SPRING_SECURITY_OAUTH2_..., see the README"
          + " on connecting an OpenID Connect provider), or run the embedded setup (./winback up, Spring profile '"
          + EMBEDDED_PROFILE + "') with its local users.");
    }
  }

  public boolean embedded() {
    return embedded;
  }

  /** The embedded setup's users, or null outside it. */
  public LocalUsers localUsers() {
    return localUsers;
  }

  /**
   * Pages: OpenID Connect login (straight to the provider) when configured, else the embedded
   * setup's form on {@code loginPage}; logout to {@code afterLogout} (at the provider first). With
   * both, whoever is not logged in goes to {@code loginPage}, which then links to
   * {@code /oauth2/authorization/winback} next to its form.
   */
  public void pages(HttpSecurity http, String loginPage, String afterLogin, String afterLogout) throws Exception {
    if (clients != null) {
      http.oauth2Login(login -> {
        login.defaultSuccessUrl(afterLogin, false)
            .userInfoEndpoint(user -> user.userAuthoritiesMapper(oidcRoles()));
        if (embedded) {
          // Both ways in: the service's own page offers both. Without this, Spring's generated
          // OAuth2-only page would take over loginPage and hide the local users' form.
          login.loginPage(loginPage);
        }
      });
      OidcClientInitiatedLogoutSuccessHandler atProvider = new OidcClientInitiatedLogoutSuccessHandler(clients);
      atProvider.setPostLogoutRedirectUri("{baseUrl}" + afterLogout);
      http.logout(logout -> logout.logoutSuccessHandler(atProvider).permitAll());
      if (!embedded) {
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(OIDC_LOGIN)));
      }
    }
    if (embedded) {
      http.userDetailsService(localUsers);
      http.formLogin(form -> form.loginPage(loginPage).defaultSuccessUrl(afterLogin, true).permitAll());
      if (clients == null) {
        http.logout(logout -> logout.logoutSuccessUrl(loginPage + "?logout").permitAll());
      }
    }
  }

  /**
   * An API: stateless, JWT bearer tokens when an issuer is configured, HTTP basic with local
   * users on the embedded setup; no credentials is 401, a wrong role 403.
   */
  public void api(HttpSecurity http, String realm) throws Exception {
    if (jwtDecoder != null) {
      http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(jwtRoles())));
    }
    if (embedded) {
      BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
      basic.setRealmName(realm);
      http.userDetailsService(localUsers);
      http.httpBasic(b -> b.authenticationEntryPoint(basic));
      if (jwtDecoder == null) {
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(basic));
      }
    } else if (jwtDecoder == null) {
      http.exceptionHandling(errors -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
    }
    http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Bearer tokens and basic credentials ride on no cookie a forged form could use.
        .csrf(csrf -> csrf.disable());
  }

  /** Roles for an OpenID Connect user: from the ID token and the user info, at the role claim. */
  GrantedAuthoritiesMapper oidcRoles() {
    RoleClaim claim = settings.roleClaim();
    return authorities -> {
      Set<GrantedAuthority> mapped = new HashSet<>();
      for (GrantedAuthority authority : authorities) {
        Map<String, Object> claims = new HashMap<>();
        if (authority instanceof OidcUserAuthority oidc) {
          claims.putAll(oidc.getIdToken().getClaims());
          if (oidc.getUserInfo() != null) {
            claims.putAll(oidc.getUserInfo().getClaims());
          }
        } else if (authority instanceof OAuth2UserAuthority user) {
          claims.putAll(user.getAttributes());
        }
        mapped.addAll(claim.authorities(claims));
      }
      return mapped;
    };
  }

  /** Roles for a bearer token, at the role claim; its name a person's user name, else the client's id. */
  Converter<Jwt, AbstractAuthenticationToken> jwtRoles() {
    RoleClaim claim = settings.roleClaim();
    return jwt -> {
      Collection<GrantedAuthority> authorities = claim.authorities(jwt.getClaims());
      String name = firstOf(jwt, "preferred_username", "client_id", "azp", "sub");
      return new JwtAuthenticationToken(jwt, authorities, name);
    };
  }

  private static String firstOf(Jwt jwt, String... claims) {
    for (String claim : claims) {
      String value = jwt.getClaimAsString(claim);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return jwt.getSubject();
  }
}
