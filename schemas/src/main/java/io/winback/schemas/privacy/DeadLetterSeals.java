package io.winback.schemas.privacy;

import io.winback.events.Sealed;
import io.winback.schemas.serde.AvroSerde;

/**
 * The value of a dead letter (an input's original bytes, which may hold anything of the customer)
 * sealed under the key of the customer the record is keyed by, bound to its source position. A
 * sealed dead letter says so in the header {@link io.winback.schemas.topics.DeadLetterHeaders#SEALED}.
 */
public final class DeadLetterSeals {

  /** The header value of a dead letter whose value is sealed with the customer's key. */
  public static final String CUSTOMER_KEY = "customer-key";
  private static final AvroSerde<Sealed> ENVELOPE = AvroSerde.of(Sealed.class);

  private DeadLetterSeals() {}

  static String purpose(String sourceTopic, int sourcePartition, long sourceOffset) {
    return "dead-letter:" + sourceTopic + "/" + sourcePartition + "/" + sourceOffset;
  }

  public static byte[] seal(byte[] value, KeyMaterial key, String customerId, String sourceTopic, int sourcePartition,
      long sourceOffset) {
    if (value == null) {
      return null;
    }
    return ENVELOPE.serializer().serialize(null,
        Sealing.seal(key, customerId, purpose(sourceTopic, sourcePartition, sourceOffset), value));
  }

  /** The original bytes; {@link Opened.Access#ERASED} (and null bytes) when the customer's key is gone. */
  public static Opened<byte[]> open(byte[] sealed, KeyRing keys, String customerId, String sourceTopic,
      int sourcePartition, long sourceOffset) {
    return switch (keys.state(customerId)) {
      case ERASED -> new Opened<>(null, Opened.Access.ERASED);
      case UNKNOWN -> throw new KeyMissingException(customerId);
      case KNOWN -> new Opened<>(Sealing.open(keys.key(customerId).orElseThrow(), customerId,
          purpose(sourceTopic, sourcePartition, sourceOffset), ENVELOPE.deserializer().deserialize(null, sealed)),
          Opened.Access.OPENED);
    };
  }
}
