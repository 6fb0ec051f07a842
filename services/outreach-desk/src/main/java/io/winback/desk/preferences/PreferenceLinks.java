package io.winback.desk.preferences;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The customer's link to their preferences: a signed, expiring token that names a task and
 * nothing of the customer. {@code <taskId>.<expiry, epoch seconds>.<key id>} in URL-safe Base64,
 * a dot, and an HMAC-SHA256 of it with the named key (truncated to 128 bits). New links are signed
 * with the current key; every configured key still verifies, so a key can be rotated without
 * breaking links that are still valid. An expired, altered or unknown-key token is refused, and
 * the caller learns no more than that.
 */
public final class PreferenceLinks {

  /** A signing key: an id (in the token) and its secret (at least 32 bytes). */
  public record SigningKey(String id, byte[] secret) {

    public SigningKey {
      if (id == null || !id.matches("[A-Za-z0-9_-]{1,16}")) {
        throw new IllegalArgumentException("a preference link key id is 1 to 16 letters, digits, - or _");
      }
      if (secret == null || secret.length < 32) {
        throw new IllegalArgumentException("the secret of preference link key " + id + " needs at least 32 bytes");
      }
      secret = secret.clone();
    }

    @Override
    public String toString() {
      return "SigningKey[" + id + ", secret hidden]";
    }
  }

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int MAC_BYTES = 16;

  private final SigningKey current;
  private final Map<String, SigningKey> keys;
  private final Clock clock;

  public PreferenceLinks(SigningKey current, List<SigningKey> all, Clock clock) {
    this.current = current;
    this.keys = all.stream().collect(Collectors.toMap(SigningKey::id, Function.identity(), (a, b) -> a));
    if (!keys.containsKey(current.id())) {
      throw new IllegalArgumentException("the current preference link key " + current.id() + " is not configured");
    }
    this.clock = clock;
  }

  /** A token for the task, valid until {@code expires}. */
  public String token(String taskId, Instant expires) {
    String payload = ENCODER.encodeToString((taskId + "\n" + expires.getEpochSecond() + "\n" + current.id())
        .getBytes(StandardCharsets.UTF_8));
    return payload + "." + ENCODER.encodeToString(mac(current, payload));
  }

  /** The task the token names, if it is intact, signed with a configured key and not expired. */
  public Optional<String> taskOf(String token) {
    if (token == null || token.length() > 512) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    try {
      String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 3) {
        return Optional.empty();
      }
      SigningKey key = keys.get(parts[2]);
      if (key == null || !MessageDigest.isEqual(mac(key, payload), DECODER.decode(token.substring(dot + 1)))) {
        return Optional.empty();
      }
      if (!Instant.ofEpochSecond(Long.parseLong(parts[1])).isAfter(clock.instant())) {
        return Optional.empty();
      }
      return parts[0].isBlank() ? Optional.empty() : Optional.of(parts[0]);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static byte[] mac(SigningKey key, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
