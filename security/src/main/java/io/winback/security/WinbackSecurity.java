package io.winback.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** What a service imports to log people and machine clients in the Winback way (see {@link Logins}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecuritySettings.class, PrivacySettings.class})
public class WinbackSecurity {

  @Bean
  Logins logins(SecuritySettings settings, Environment environment,
      ObjectProvider<ClientRegistrationRepository> clients, ObjectProvider<JwtDecoder> jwtDecoder) {
    return new Logins(settings, environment, clients.getIfAvailable(), jwtDecoder.getIfAvailable());
  }

  /** Local users' passwords are {bcrypt} hashes (LocalUsers refuses anything else). */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
