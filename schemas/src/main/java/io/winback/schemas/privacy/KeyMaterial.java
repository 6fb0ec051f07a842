package io.winback.schemas.privacy;

import java.util.Arrays;

/** One of a customer's AES-256 keys, as winback.keys.v1 carries it. Never logged, never printed. */
public record KeyMaterial(int version, byte[] bytes) {

  public KeyMaterial {
    if (bytes == null || bytes.length != Sealing.KEY_BYTES) {
      throw new IllegalArgumentException("a customer key has " + Sealing.KEY_BYTES + " bytes");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "KeyMaterial[version=" + version + ", bytes=(hidden)]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyMaterial that && version == that.version && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * version + Arrays.hashCode(bytes);
  }
}
