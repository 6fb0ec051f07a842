package io.winback.processor.topology;

import io.winback.events.CancellationEvent;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseFile;
import io.winback.schemas.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A case file as one store value: the case's state and the cancellation that opened it, each in
 * its topic's single-object Avro encoding (so both evolve with their released schemas), the state
 * first behind its 4-byte length. One value instead of a store each halves the changelog writes
 * of a new case.
 */
final class CaseFileSerde implements Serde<CaseFile> {

  private static final String STORE = StoreNames.CASES;

  private final AvroSerde<WinbackCase> states = AvroSerde.of(WinbackCase.class);
  private final AvroSerde<CancellationEvent> cancellations = AvroSerde.of(CancellationEvent.class);

  byte[] encode(CaseFile file) {
    if (file == null) {
      return null;
    }
    byte[] state = states.encode(file.state());
    byte[] cancellation = cancellations.encode(file.cancellation());
    return ByteBuffer.allocate(Integer.BYTES + state.length + cancellation.length)
        .putInt(state.length).put(state).put(cancellation).array();
  }

  CaseFile decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int stateLength = bytes.length < Integer.BYTES ? -1 : buffer.getInt();
    if (stateLength < 0 || stateLength > bytes.length - Integer.BYTES) {
      throw new SerializationException("not a case file: " + bytes.length + " bytes, state length " + stateLength);
    }
    int cancellationStart = Integer.BYTES + stateLength;
    WinbackCase state = states.decode(STORE, Arrays.copyOfRange(bytes, Integer.BYTES, cancellationStart));
    CancellationEvent cancellation = cancellations.decode(STORE,
        Arrays.copyOfRange(bytes, cancellationStart, bytes.length));
    return new CaseFile(state, cancellation);
  }

  @Override
  public Serializer<CaseFile> serializer() {
    return (topic, file) -> encode(file);
  }

  @Override
  public Deserializer<CaseFile> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
