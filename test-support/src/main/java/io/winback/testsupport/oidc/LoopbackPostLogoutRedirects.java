package io.winback.testsupport.oidc;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;

/**
 * Checks a logout request's {@code post_logout_redirect_uri} with the rule Spring Authorization
 * Server already applies to {@code redirect_uri} (OAuth 2.1, section 8.4.2): exact match, except that
 * for a loopback IP literal such as {@code 127.0.0.1} any port matches. A test can so register
 * {@code http://127.0.0.1/} before the application under test has its random port.
 */
final class LoopbackPostLogoutRedirects implements Consumer<OidcLogoutAuthenticationContext> {

  @Override
  public void accept(OidcLogoutAuthenticationContext context) {
    OidcLogoutAuthenticationToken logout = context.getAuthentication();
    String requested = logout.getPostLogoutRedirectUri();
    if (requested == null || requested.isBlank()) {
      return;
    }
    boolean registered = context.getRegisteredClient().getPostLogoutRedirectUris().stream()
        .anyMatch(uri -> matches(uri, requested));
    if (!registered) {
      throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
          "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri", null));
    }
  }

  static boolean matches(String registered, String requested) {
    if (registered.equals(requested)) {
      return true;
    }
    URI want;
    URI have;
    try {
      want = URI.create(registered);
      have = URI.create(requested);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!isLoopbackLiteral(have.getHost())) {
      return false;
    }
    return new UriWithoutPort(want).equals(new UriWithoutPort(have));
  }

  private static boolean isLoopbackLiteral(String host) {
    if (host == null || !(host.matches("[0-9.]+") || host.startsWith("["))) {
      return false; // a name such as localhost is not a literal: exact match only, as for redirect_uri
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private record UriWithoutPort(String scheme, String host, String path, String query) {
    UriWithoutPort(URI uri) {
      this(uri.getScheme(), uri.getHost(), uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
          uri.getRawQuery());
    }
  }
}
