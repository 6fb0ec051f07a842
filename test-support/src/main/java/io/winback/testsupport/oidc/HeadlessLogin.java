package io.winback.testsupport.oidc;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's login without a browser, for API tests that need a user's token: the authorization
 * request, the provider's login form (with its session cookie and CSRF token), the redirect with the
 * code, and the code exchange with PKCE, all over HTTP against the running provider. Nothing is
 * minted in-process; the redirect URI itself is never called, so the application need not run.
 */
final class HeadlessLogin {

  private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
  private static final int MAX_REDIRECTS = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String issuer;
  private final TokenEndpoint tokenEndpoint;

  HeadlessLogin(String issuer, TokenEndpoint tokenEndpoint) {
    this.issuer = issuer;
    this.tokenEndpoint = tokenEndpoint;
  }

  Tokens logIn(String clientId, String secret, String redirectUri, String username, String password) {
    HttpClient browser = HttpClient.newBuilder().connectTimeout(TokenEndpoint.TIMEOUT)
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String state = random();
    String verifier = random() + random();
    Map<String, String> authorize = new LinkedHashMap<>();
    authorize.put("response_type", "code");
    authorize.put("client_id", clientId);
    authorize.put("redirect_uri", redirectUri);
    authorize.put("scope", "openid profile email");
    authorize.put("state", state);
    authorize.put("nonce", random());
    authorize.put("code_challenge", challenge(verifier));
    authorize.put("code_challenge_method", "S256");

    URI loginPage = redirectOf(get(browser, URI.create(issuer + "/oauth2/authorize?" + TokenEndpoint.form(authorize))),
        "the authorization request of client " + clientId);
    HttpResponse<String> form = get(browser, loginPage);
    Matcher csrf = CSRF.matcher(form.body());
    if (form.statusCode() != 200 || !csrf.find()) {
      throw new IllegalStateException("expected the provider's login form at " + loginPage + ", got "
          + form.statusCode());
    }
    HttpResponse<String> posted = TokenEndpoint.send(browser, HttpRequest.newBuilder(loginPage)
        .timeout(TokenEndpoint.TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(TokenEndpoint.form(Map.of(
            "username", username, "password", password, "_csrf", csrf.group(1)))))
        .build());
    URI next = redirectOf(posted, "the login form");
    if (next.getRawQuery() != null && next.getPath().equals("/login") && next.getRawQuery().contains("error")) {
      throw new IllegalArgumentException("the provider's login form refused user " + username);
    }
    for (int hop = 0; hop < MAX_REDIRECTS && !next.toString().startsWith(redirectUri); hop++) {
      next = redirectOf(get(browser, next), "the authorization endpoint after the login");
    }
    Map<String, String> callback = query(next);
    if (!next.toString().startsWith(redirectUri) || callback.get("code") == null) {
      throw new IllegalStateException("the provider did not redirect to " + redirectUri + " with a code: " + next);
    }
    if (!state.equals(callback.get("state"))) {
      throw new IllegalStateException("the provider returned another state than it was sent");
    }
    return tokenEndpoint.authorizationCode(clientId, secret, callback.get("code"), redirectUri, verifier);
  }

  private static HttpResponse<String> get(HttpClient browser, URI uri) {
    return TokenEndpoint.send(browser, HttpRequest.newBuilder(uri).timeout(TokenEndpoint.TIMEOUT)
        .header("Accept", "text/html").GET().build());
  }

  private static URI redirectOf(HttpResponse<String> response, String step) {
    String location = response.headers().firstValue("Location").orElse(null);
    if (response.statusCode() / 100 != 3 || location == null) {
      throw new IllegalStateException(step + " answered " + response.statusCode() + " instead of a redirect: "
          + abbreviate(response.body()));
    }
    return response.uri().resolve(location);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          parameters.put(pair.substring(0, equals),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return parameters;
  }

  private static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
