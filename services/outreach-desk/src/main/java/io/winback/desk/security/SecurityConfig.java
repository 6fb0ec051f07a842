package io.winback.desk.security;

import io.winback.security.Logins;
import io.winback.security.Roles;
import io.winback.security.WinbackSecurity;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who gets in, and where. People log in to the pages with OpenID Connect (or, on the embedded
 * setup only, a form with its local users); call-centre systems call /api with JWT bearer tokens
 * (or, embedded, HTTP basic). AGENT works tasks ({@link io.winback.desk.tasks.TaskAccess} says
 * which), LEAD also sees every task, reassigns, reads the outbox and the reports (/reports,
 * /api/reports); DATA_PROTECTION reads the subject access report (/api/privacy/**), and nothing
 * else. Only health and prometheus of the actuator are open, health without details. Unauthenticated API calls get 401, pages go
 * to the login; a wrong role gets 403.
 */
@Configuration
@Import(WinbackSecurity.class)
public class SecurityConfig {

  static final String SERVICE = "outreach-desk";

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
