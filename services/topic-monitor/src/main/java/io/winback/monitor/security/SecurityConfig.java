package io.winback.monitor.security;

import io.winback.security.Logins;
import io.winback.security.Roles;
import io.winback.security.WinbackSecurity;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what in the monitor. People log in to the pages with OpenID Connect (the embedded
 * setup: a form with its local users); scripts call /api with a bearer token (the embedded setup:
 * HTTP basic). Without either the monitor refuses to start ({@link Logins#require}).
 *
 * <ul>
 *   <li>OPS_VIEWER: lag, rates, groups, topics, cases needing attention and dead-letter metadata.
 *   <li>OPS_ADMIN: also a dead letter's payload (each reveal audited), redrive, and the audit.
 *       Anything not granted to OPS_VIEWER by name is OPS_ADMIN's, so a new endpoint starts closed.
 *   <li>Anyone: health (without details) and the Prometheus scrape, for probes, the other
 *       services' monitors and Prometheus; every other actuator endpoint is OPS_ADMIN's.
 * </ul>
 * Unauthenticated API calls get 401, pages redirect to the login, a missing role is 403.
 */
@Configuration(proxyBeanMethods = false)
@Import(WinbackSecurity.class)
public class SecurityConfig {

  public static final String SERVICE = "topic-monitor";
  static final String REALM = "Winback topic monitor";

  /** What an OPS_VIEWER may read of the API (GET only). */
  static final String[] VIEWER_API = {"/api/lag", "/api/overview", "/api/history", "/api/cases/needs-attention",
      "/api/dead-letters"};

  /** The pages an OPS_VIEWER may open (GET only), with their live fragments. */
  static final String[] VIEWER_PAGES = {"/", "/topics", "/groups", "/dead-letters", "/cases", "/live/**"};

  static final String[] OPEN_PAGES = {"/login", "/logged-out", "/css/**", "/js/**", "/favicon.ico", "/error"};

  /** The actuator, on the application's port or the management port alike. */
  @Bean
  @Order(1)
  SecurityFilterChain actuator(HttpSecurity http, Logins logins) throws Exception {
    logins.require(SERVICE, Logins.Door.PAGES, Logins.Door.API);
    http.securityMatcher(EndpointRequest.toAnyEndpoint())
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class, PrometheusScrapeEndpoint.class)).permitAll()
            .anyRequest().hasRole(Roles.OPS_ADMIN));
    // Credentials, when sent, still count: an operator's call to health sees its details.
    logins.api(http, REALM);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, Logins logins) throws Exception {
    logins.require(SERVICE, Logins.Door.PAGES, Logins.Door.API);
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.GET, VIEWER_API).hasAnyRole(Roles.OPS_VIEWER, Roles.OPS_ADMIN)
            .anyRequest().hasRole(Roles.OPS_ADMIN));
    logins.api(http, REALM);
    return http.build();
  }

  /** The pages: a session, CSRF-protected (redrive and reveal are forms). */
  @Bean
  @Order(3)
  SecurityFilterChain pages(HttpSecurity http, Logins logins) throws Exception {
    logins.require(SERVICE, Logins.Door.PAGES, Logins.Door.API);
    http.authorizeHttpRequests(auth -> auth
        .requestMatchers(OPEN_PAGES).permitAll()
        .requestMatchers(HttpMethod.GET, VIEWER_PAGES).hasAnyRole(Roles.OPS_VIEWER, Roles.OPS_ADMIN)
        .anyRequest().hasRole(Roles.OPS_ADMIN));
    logins.pages(http, "/login", "/", "/logged-out");
    return http.build();
  }
}
