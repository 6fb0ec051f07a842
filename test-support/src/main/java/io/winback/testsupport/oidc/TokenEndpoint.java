package io.winback.testsupport.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The provider's real token endpoint, called over HTTP as any OAuth2 client would call it. */
final class TokenEndpoint {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI uri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  TokenEndpoint(String issuer) {
    this.uri = URI.create(issuer + "/oauth2/token");
  }

  String clientCredentials(String clientId, String secret) {
    return (String) call(clientId, secret, Map.of("grant_type", "client_credentials")).get("access_token");
  }

  Tokens authorizationCode(String clientId, String secret, String code, String redirectUri, String codeVerifier) {
    return tokens(call(clientId, secret, Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", redirectUri, "code_verifier", codeVerifier)));
  }

  Tokens refresh(String clientId, String secret, String refreshToken) {
    return tokens(call(clientId, secret, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
  }

  private Map<String, Object> call(String clientId, String secret, Map<String, String> grant) {
    Map<String, String> form = new LinkedHashMap<>(grant);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json");
    if (secret == null) {
      form.put("client_id", clientId); // a public client names itself; PKCE proves it
    } else {
      // RFC 6749, 2.3.1: id and secret are form-encoded before they go into the Basic header.
      String credentials = formEncode(clientId) + ":" + formEncode(secret);
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = send(http, request.POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the provider's token endpoint answered " + response.statusCode()
          + " to the " + grant.get("grant_type") + " grant of client " + clientId + ": " + response.body());
    }
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new IllegalStateException("the token endpoint answered no JSON: " + response.body(), e);
    }
  }

  private static Tokens tokens(Map<String, Object> json) {
    return new Tokens((String) json.get("access_token"), (String) json.get("id_token"),
        (String) json.get("refresh_token"));
  }

  static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(field -> formEncode(field.getKey()) + "=" + formEncode(field.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
