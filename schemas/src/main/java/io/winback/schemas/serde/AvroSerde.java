package io.winback.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Winback event, in Avro's single-object encoding: two marker bytes,
 * the writer schema's CRC-64 fingerprint, then the binary body. No schema registry: the reader
 * looks the fingerprint up in {@link SchemaHistory} and resolves old versions to the current one.
 * A null value (a tombstone) stays null both ways.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, SchemaStore writerSchemas) {
    TrustedPackages.install();
    this.type = type;
    this.schema = SpecificData.get().getSchema(type);
    SpecificData model = SpecificData.getForSchema(schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
  }

  /** A serde that reads every released version of {@code type}'s schema. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type, SchemaHistory.storeFor(type.getSimpleName()));
  }

  /** For tests: a serde that knows exactly the writer schemas in {@code writerSchemas}. */
  static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaStore writerSchemas) {
    return new AvroSerde<>(type, writerSchemas);
  }

  public Class<T> type() {
    return type;
  }

  /** The current (reader) schema. */
  public Schema schema() {
    return schema;
  }

  public byte[] encode(T value) {
    if (value == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes single-object bytes written with any released version of this schema.
   *
   * @throws UndecodableRecordException for an unknown fingerprint, a bad header or a corrupt body
   */
  public T decode(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw undecodable(UndecodableRecordException.Reason.UNKNOWN_SCHEMA, topic, e);
    } catch (BadHeaderException e) {
      throw undecodable(UndecodableRecordException.Reason.BAD_HEADER, topic, e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException
        | IllegalArgumentException | ClassCastException e) {
      // Avro reports a truncated or garbled body through any of these.
      throw undecodable(UndecodableRecordException.Reason.CORRUPT_BODY, topic, e);
    }
  }

  private UndecodableRecordException undecodable(
      UndecodableRecordException.Reason reason, String topic, Exception cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new UndecodableRecordException(reason, topic, type.getSimpleName(), detail, cause);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::decode;
  }
}
