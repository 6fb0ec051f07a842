package io.winback.schemas.privacy;

import io.winback.events.Sealed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a customer's own key, through the JDK's crypto provider: a fresh 96-bit nonce
 * per seal, a 128-bit tag, and associated data that names the customer and the record the fields
 * belong to ({@code purpose}, e.g. {@code task:<taskId>}), so sealed fields moved to another
 * record or customer do not open. Deleting the key is deleting the data (crypto-shredding).
 */
public final class Sealing {

  public static final int KEY_BYTES = 32;
  static final String CIPHER = "AES/GCM/NoPadding";
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  /**
   * One cipher per thread, initialised afresh (key and a new nonce) for every seal: looking the
   * transformation up through the providers was a visible share of the processor's CPU per task.
   * GCM refuses only a second encryption under the same key and nonce, which a fresh random nonce rules out.
   */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance(CIPHER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  });

  private Sealing() {}

  /** A new customer key: 256 bits from the JDK's strong random source. */
  public static KeyMaterial newKey(int version) {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return new KeyMaterial(version, bytes);
  }

  public static Sealed seal(KeyMaterial key, String customerId, String purpose, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(customerId, purpose));
      return Sealed.newBuilder().setKeyVersion(key.version()).setNonce(ByteBuffer.wrap(nonce))
          .setCiphertext(ByteBuffer.wrap(cipher.doFinal(plaintext))).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** The plaintext, or {@link SealBrokenException} if the seal does not open with this key for this record. */
  public static byte[] open(KeyMaterial key, String customerId, String purpose, Sealed sealed) {
    if (sealed.getKeyVersion() != key.version()) {
      throw new SealBrokenException("sealed with key version " + sealed.getKeyVersion() + " of the customer, not "
          + key.version(), null);
    }
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.bytes(), "AES"),
          new GCMParameterSpec(TAG_BITS, bytes(sealed.getNonce())));
      cipher.updateAAD(associatedData(customerId, purpose));
      return cipher.doFinal(bytes(sealed.getCiphertext()));
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SealBrokenException("the sealed personal fields do not open with the customer's key: tampered "
          + "with, or sealed for another customer or record", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SealBrokenException("the sealed personal fields are malformed", e);
    }
  }

  static byte[] associatedData(String customerId, String purpose) {
    return ("winback-seal/v1\n" + purpose + "\n" + customerId).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
