package io.winback.desk.preferences;

import java.nio.ByteBuffer;
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
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The customer's link to their preferences: a signed, expiring token that names a task and
 * nothing of the customer. Compact, because letters print it and people may type it: one
 * URL-safe Base64 string (no padding) of
 * {@code <format><expiry, 4 bytes of epoch seconds><key id length><key id><task id><HMAC-SHA256,
 * first 128 bits, of everything before it with the named key>}. The processor's task ids
 * ({@code task-<uuid>}) take 16 bytes (format 1), any other id its UTF-8 bytes with their length
 * (format 2): about 60 characters for a processor's task. New links are signed with the current
 * key; every configured key still verifies, so a key can be rotated without breaking links that
 * are still valid. An expired, altered or unknown-key token is refused, and the caller learns no
 * more than that.
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
  private static final byte UUID_TASK = 1;
  private static final byte TEXT_TASK = 2;
  private static final String TASK_PREFIX = "task-";
  private static final Pattern PROCESSOR_TASK = Pattern.compile(
      "task-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** Longer is no token of ours (a 255-byte task id, a 16-character key id): refused before decoding. */
  private static final int MAX_TOKEN_LENGTH = 512;

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

  /** A token for the task, valid until {@code expires} (to the second). */
  public String token(String taskId, Instant expires) {
    byte[] task = taskBytes(taskId);
    byte[] keyId = current.id().getBytes(StandardCharsets.US_ASCII);
    boolean uuid = PROCESSOR_TASK.matcher(taskId).matches();
    ByteBuffer payload = ByteBuffer.allocate(1 + 4 + 1 + keyId.length + (uuid ? 0 : 1) + task.length);
    payload.put(uuid ? UUID_TASK : TEXT_TASK).putInt((int) Math.min(expires.getEpochSecond(), 0xFFFF_FFFFL))
        .put((byte) keyId.length).put(keyId);
    if (!uuid) {
      payload.put((byte) task.length);
    }
    payload.put(task);
    byte[] signed = payload.array();
    byte[] token = Arrays.copyOf(signed, signed.length + MAC_BYTES);
    System.arraycopy(mac(current, signed), 0, token, signed.length, MAC_BYTES);
    return ENCODER.encodeToString(token);
  }

  /** The task the token names, if it is intact, signed with a configured key and not expired. */
  public Optional<String> taskOf(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(DECODER.decode(token));
      if (bytes.remaining() < 1 + 4 + 1 + 1 + MAC_BYTES) {
        return Optional.empty();
      }
      byte format = bytes.get();
      long expiry = Integer.toUnsignedLong(bytes.getInt());
      byte[] keyId = new byte[bytes.get() & 0xFF];
      if (keyId.length == 0 || bytes.remaining() < keyId.length + MAC_BYTES) {
        return Optional.empty();
      }
      bytes.get(keyId);
      int taskLength = switch (format) {
        case UUID_TASK -> 16;
        case TEXT_TASK -> bytes.get() & 0xFF;
        default -> -1;
      };
      if (taskLength <= 0 || bytes.remaining() != taskLength + MAC_BYTES) {
        return Optional.empty();
      }
      byte[] task = new byte[taskLength];
      bytes.get(task);
      int signedLength = bytes.position();
      byte[] tag = new byte[MAC_BYTES];
      bytes.get(tag);
      SigningKey key = keys.get(new String(keyId, StandardCharsets.US_ASCII));
      if (key == null || !MessageDigest.isEqual(mac(key, Arrays.copyOf(bytes.array(), signedLength)), tag)) {
        return Optional.empty();
      }
      if (!Instant.ofEpochSecond(expiry).isAfter(clock.instant())) {
        return Optional.empty();
      }
      String taskId = format == UUID_TASK ? TASK_PREFIX + uuid(task) : new String(task, StandardCharsets.UTF_8);
      return taskId.isBlank() ? Optional.empty() : Optional.of(taskId);
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException malformed) {
      return Optional.empty();
    }
  }

  private static byte[] taskBytes(String taskId) {
    if (taskId == null || taskId.isBlank()) {
      throw new IllegalArgumentException("a preference link names a task");
    }
    if (PROCESSOR_TASK.matcher(taskId).matches()) {
      UUID uuid = UUID.fromString(taskId.substring(TASK_PREFIX.length()));
      return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
          .array();
    }
    byte[] text = taskId.getBytes(StandardCharsets.UTF_8);
    if (text.length > 255) {
      throw new IllegalArgumentException("a task id for a preference link has at most 255 bytes");
    }
    return text;
  }

  private static String uuid(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }

  private static byte[] mac(SigningKey key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** A keyed, one-way digest with the current key (for rate-limit buckets: no raw address or token stored). */
  String digest(String value) {
    return ENCODER.encodeToString(mac(current, value.getBytes(StandardCharsets.UTF_8)));
  }
}
