package io.winback.processor.security;

import io.winback.security.Logins;
import io.winback.security.Roles;
import io.winback.security.WinbackSecurity;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may ask the processor what. The case API is for LEAD and the OPS roles only, never for an
 * AGENT: a case's status reason can say that the customer asked not to be contacted, and agents
 * work from the outreach desk, which shows them their own tasks. The subject access report
 * ({@code /privacy/customers/{id}}: everything the processor holds about a customer, the CRM's
 * contact data included) is for DATA_PROTECTION only, and that role sees nothing else of the case
 * API. Machine clients come with a JWT
 * bearer token (audience {@code winback-processor}); on the embedded setup the local users log in
 * with HTTP basic. Without either the processor refuses to start.
 *
 * <p>Of the actuator only health (liveness and readiness for the probes, `./winback up` and the
 * topic monitor; details for the OPS roles only) and prometheus answer without credentials; every
 * other actuator endpoint is OPS_ADMIN. With the actuator on a management port of its own
 * (Kubernetes), this one chain covers that port too.
 *
 * <p>Queries forwarded between instances carry the caller's credentials and are checked here like
 * any other request: the forwarding header grants nothing.
 */
@Configuration(proxyBeanMethods = false)
@Import(WinbackSecurity.class)
public class CaseApiSecurity {

  static final String SERVICE = "churn-processor";
  static final String REALM = "Winback churn processor";

  @Bean
  SecurityFilterChain caseApi(HttpSecurity http, Logins logins) throws Exception {
    logins.require(SERVICE, Logins.Door.API);
    logins.api(http, REALM);
    http.authorizeHttpRequests(requests -> requests
        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, PrometheusScrapeEndpoint.class)).permitAll()
        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Roles.OPS_ADMIN)
        // Boot's error page for a request that was already let in or refused: it shows only the
        // status and the path of that request. Asked for directly it has nothing to show.
        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
        .requestMatchers("/error").denyAll()
        .requestMatchers("/privacy/**").hasRole(Roles.DATA_PROTECTION)
        .anyRequest().hasAnyRole(Roles.LEAD, Roles.OPS_VIEWER, Roles.OPS_ADMIN));
    return http.build();
  }
}
