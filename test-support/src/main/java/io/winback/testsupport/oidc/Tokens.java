package io.winback.testsupport.oidc;

/**
 * What the provider's token endpoint answered for a user's login (authorization code) or a refresh.
 *
 * @param accessToken  the JWT access token, for {@code Authorization: Bearer ...}
 * @param idToken      the OpenID Connect ID token (for {@code id_token_hint} at logout, or to read the claims)
 * @param refreshToken the refresh token
 */
public record Tokens(String accessToken, String idToken, String refreshToken) {
}
