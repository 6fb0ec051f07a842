package io.winback.testsupport.oidc;

import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The smallest relying party that logs in the way the desk and the monitor will: Spring Security's
 * {@code oauth2Login} configured by the standard {@code spring.security.oauth2.client.*} properties
 * (issuer URI, client id, secret), and a logout that ends the session at the provider too
 * (RP-initiated logout). Its page shows who logged in and with which roles.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ServletServerOnly
@ImportAutoConfiguration(OAuth2ClientAutoConfiguration.class)
@Import(DemoRelyingParty.Pages.class)
class DemoRelyingParty {

  static final String REGISTRATION = "winback";

  /** Starts the relying party on a free port of 127.0.0.1; the caller closes the context. */
  static ConfigurableApplicationContext start(String issuer, String clientId, String secret, RoleClaim roleClaim) {
    String registration = "spring.security.oauth2.client.registration." + REGISTRATION + ".";
    return new SpringApplicationBuilder(DemoRelyingParty.class)
        .web(WebApplicationType.SERVLET)
        .properties(Map.of(
            "spring.config.name", "demo-relying-party",
            "spring.main.banner-mode", "off",
            "server.port", "0",
            "server.address", "127.0.0.1",
            "spring.security.oauth2.client.provider." + REGISTRATION + ".issuer-uri", issuer,
            registration + "client-id", clientId,
            registration + "client-secret", secret,
            registration + "scope", "openid,profile,email",
            "demo.role-claim", roleClaim.name()))
        .run();
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http, ClientRegistrationRepository registrations) {
    OidcClientInitiatedLogoutSuccessHandler endAtProvider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    endAtProvider.setPostLogoutRedirectUri("{baseUrl}/logged-out");
    http.authorizeHttpRequests(authorize -> authorize.requestMatchers("/logged-out", "/error").permitAll()
            .anyRequest().authenticated())
        .oauth2Login(Customizer.withDefaults())
        .logout(logout -> logout.logoutSuccessHandler(endAtProvider));
    return http.build();
  }

  @RestController
  static class Pages {

    private final RoleClaim roleClaim;

    Pages(Environment environment) {
      this.roleClaim = RoleClaim.valueOf(environment.getRequiredProperty("demo.role-claim"));
    }

    @GetMapping(value = "/", produces = "text/html")
    String home(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
      return "<!doctype html><html><head><title>demo</title></head><body>"
          + "<p id='name'>" + escape(user.getFullName()) + "</p>"
          + "<p id='roles'>" + escape(String.join(",", roles(user))) + "</p>"
          + "<p id='account-manager'>" + escape(user.getClaimAsString("account_manager_id")) + "</p>"
          + "<form method='post' action='/logout'><input type='hidden' name='" + csrf.getParameterName()
          + "' value='" + csrf.getToken() + "'><button id='logout' type='submit'>Log out</button></form>"
          + "</body></html>";
    }

    @GetMapping(value = "/logged-out", produces = "text/html")
    String loggedOut() {
      return "<!doctype html><html><head><title>logged out</title></head><body>"
          + "<p id='logged-out'>logged out</p></body></html>";
    }

    private List<String> roles(OidcUser user) {
      if (roleClaim == RoleClaim.ROLES) {
        return user.getClaimAsStringList("roles");
      }
      Object roles = user.getClaimAsMap("realm_access").get("roles");
      return ((List<?>) roles).stream().map(String::valueOf).toList();
    }

    private static String escape(String text) {
      return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
  }
}
