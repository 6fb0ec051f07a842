package io.winback.monitor.security;

import io.winback.monitor.MonitorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * Operators log in with a form (CSRF-protected: redrive changes topics); scripts use HTTP basic on
 * /api. Everything needs the OPS role, except health and the Prometheus scrape, which probes and
 * scrapers reach without credentials. Unauthenticated API calls get 401, pages redirect to the
 * login; a user without OPS gets 403.
 */
@Configuration
public class SecurityConfig {

  public static final String OPS = "OPS";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Users come from configuration (winback.monitor.users); passwords carry their encoding, e.g. {bcrypt}. */
  @Bean
  UserDetailsService users(MonitorProperties properties) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    properties.users().forEach(user -> users.createUser(User.withUsername(user.username())
        .password(user.password())
        .roles(user.roles() == null ? new String[0] : user.roles().toArray(String[]::new))
        .build()));
    return users;
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(OPS))
        .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Stateless basic auth carries no cookie a forged form could ride on.
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(auth -> auth
            .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
            .permitAll()
            .anyRequest().hasRole(OPS))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
    return http.build();
  }
}
