package io.winback.desk.security;

import io.winback.security.Logins;
import io.winback.security.Roles;
import io.winback.security.WinbackSecurity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who gets in, and where. People log in to the pages with OpenID Connect (or, on the embedded
 * setup only, a form with its local users); call-centre systems call /api with JWT bearer tokens
 * (or, embedded, HTTP basic). AGENT works tasks ({@link io.winback.desk.tasks.TaskAccess} says
 * which), LEAD also sees every task, reassigns, reads the outbox and the reports (/reports,
 * /api/reports); DATA_PROTECTION reads the subject access report (/api/privacy/**), and nothing
 * else. Customers reach only their preference page (/p/**, see {@link #preferences}). Only health
 * and prometheus of the actuator are open, health without details. Unauthenticated API calls get 401, pages go
 * to the login; a wrong role gets 403.
 */
@Configuration
@Import(WinbackSecurity.class)
public class SecurityConfig {

  static final String SERVICE = "outreach-desk";
  /** The preference form's CSRF cookie: on /p only, never sent to the agents' pages. */
  static final String PREFERENCE_CSRF_COOKIE = "winback-preferences-csrf";

  /**
   * The customers' door, the desk's only public one: /p/** without a login (the token in the path
   * is the customer's key), nothing else. No session (a link scanner must not fill the session
   * table); the form is CSRF-protected with a cookie of its own (double submit), the RFC 8058
   * one-click POST is not (the mailbox provider sends no token and takes no cookie). The URL holds
   * a secret: no Referer leaves the page, and nothing from elsewhere may load or frame it.
   */
  @Bean
  @Order(0)
  SecurityFilterChain preferences(HttpSecurity http) throws Exception {
    CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
    csrf.setCookieName(PREFERENCE_CSRF_COOKIE);
    csrf.setParameterName("_csrf");
    csrf.setCookiePath("/p");
    csrf.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
    http.securityMatcher("/p/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(c -> c.csrfTokenRepository(csrf)
            .ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/p/*/unsubscribe")))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .exceptionHandling(errors -> errors.accessDeniedHandler(SecurityConfig::formExpired))
        .headers(headers -> headers
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; style-src 'self'; img-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
            .addHeaderWriter(new StaticHeadersWriter("X-Robots-Tag", "noindex, nofollow")));
    return http.build();
  }

  /** A form without its CSRF token (cookies off, an old tab): 403 and a polite page; nothing was recorded. */
  private static void formExpired(HttpServletRequest request, HttpServletResponse response,
      AccessDeniedException denied) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("text/html;charset=UTF-8");
    try (InputStream page = new ClassPathResource("preferences/form-expired.html").getInputStream()) {
      page.transferTo(response.getOutputStream());
    }
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, Logins logins) throws Exception {
    logins.require(SERVICE, Logins.Door.PAGES, Logins.Door.API);
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/tasks/*/reassign").hasRole(Roles.LEAD)
            .requestMatchers("/api/privacy/**").hasRole(Roles.DATA_PROTECTION)
            .requestMatchers("/api/reports", "/api/reports/**").hasRole(Roles.LEAD)
            .anyRequest().hasAnyRole(Roles.AGENT, Roles.LEAD));
    logins.api(http, "Winback outreach desk");
    return http.build();
  }

  /** The actuator, on the application port or (Kubernetes) its own management port. */
  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http, Logins logins) throws Exception {
    http.securityMatcher(EndpointRequest.toAnyEndpoint())
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class, PrometheusScrapeEndpoint.class)).permitAll()
            .anyRequest().hasRole(Roles.OPS_ADMIN));
    logins.api(http, "Winback outreach desk");
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain pages(HttpSecurity http, Logins logins) throws Exception {
    http.authorizeHttpRequests(auth -> auth
            // Static files, and the libraries the pages use (Chart.js) from their WebJars: no data in them.
            .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
            .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui/**",
                "/swagger-ui.html").permitAll()
            .requestMatchers(HttpMethod.POST, "/worklist/tasks/*/reassign").hasRole(Roles.LEAD)
            .requestMatchers("/outbox/**", "/outbox").hasRole(Roles.LEAD)
            .requestMatchers("/reports", "/reports/**").hasRole(Roles.LEAD)
            .anyRequest().hasAnyRole(Roles.AGENT, Roles.LEAD));
    logins.pages(http, "/login", "/worklist", "/login?logout");
    return http.build();
  }
}
