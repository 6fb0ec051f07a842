package io.winback.processor.it;

import io.winback.testsupport.oidc.OidcTestProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * How a test's processors let callers in, and the credentials the test calls their case API with:
 * the embedded profile's HTTP basic (user lead, as `./winback up` runs it), or JWT bearer tokens
 * from the real OpenID Connect provider of the tests (as in a cluster). The processor refuses to
 * start without one of the two.
 *
 * @param args          Spring Boot arguments for the processor
 * @param authorization the {@code Authorization} header the test sends by default
 */
record TestLogin(List<String> args, String authorization) {

  /** The audience the processor's application.yml requires of a token. */
  static final String AUDIENCE = "winback-processor";

  TestLogin {
    args = List.copyOf(args);
  }

  /** Profile embedded: local users, HTTP basic; the test is {@code lead}. */
  static TestLogin embedded() {
    return new TestLogin(List.of("--spring.profiles.active=embedded"), basic("lead", "lead"));
  }

  /** Bearer tokens from {@code provider}; the test calls with {@code accessToken}. */
  static TestLogin oidc(OidcTestProvider provider, String accessToken) {
    return new TestLogin(List.of(
        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer(),
        "--winback.security.roles-claim=" + provider.roleClaim().path()), bearer(accessToken));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String bearer(String accessToken) {
    return "Bearer " + accessToken;
  }
}
