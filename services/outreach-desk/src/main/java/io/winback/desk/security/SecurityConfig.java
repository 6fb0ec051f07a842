package io.winback.desk.security;

import io.winback.desk.DeskProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * People log in with a form (CSRF-protected); call-centre systems use HTTP basic on /api. Roles:
 * AGENT works tasks, LEAD also sees every task and reassigns. Unauthenticated API calls get 401,
 * pages redirect to the login; a wrong role gets 403.
 */
@Configuration
public class SecurityConfig {

  public static final String AGENT = "AGENT";
  public static final String LEAD = "LEAD";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Users come from configuration (winback.desk.users); passwords carry their encoding, e.g. {bcrypt}. */
  @Bean
  UserDetailsService users(DeskProperties properties) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    properties.users().forEach(user -> users.createUser(User.withUsername(user.username())
        .password(user.password())
        .roles(user.roles().toArray(String[]::new))
        .build()));
    return users;
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/tasks/*/reassign").hasRole(LEAD)
            .anyRequest().hasRole(AGENT))
        .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint()))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(apiEntryPoint()))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Stateless basic auth carries no cookie a forged form could ride on.
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /** 401 with a WWW-Authenticate challenge, as HTTP basic clients expect. */
  private static BasicAuthenticationEntryPoint apiEntryPoint() {
    BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
    entryPoint.setRealmName("Winback outreach desk");
    return entryPoint;
  }

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(auth -> auth
            .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/actuator/info").permitAll()
            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
            .requestMatchers(HttpMethod.POST, "/worklist/tasks/*/reassign").hasRole(LEAD)
            .anyRequest().hasRole(AGENT))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/worklist", true).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
    return http.build();
  }
}
