package io.winback.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.Fixtures;
import io.winback.schemas.json.JsonRecords;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroSerdeTest {

  private final AvroSerde<CancellationEvent> cancellations = AvroSerde.of(CancellationEvent.class);

  @ParameterizedTest
  @CsvSource({
      "cancellation, io.winback.events.CancellationEvent",
      "relationship, io.winback.events.CustomerRelationship",
      "task, io.winback.events.OutreachTask",
      "feedback, io.winback.events.OutreachFeedback",
      "case, io.winback.events.WinbackCase"})
  <T extends SpecificRecord> void everyEventSurvivesTheWire(String fixture, Class<T> type) {
    AvroSerde<T> serde = AvroSerde.of(type);
    T event = JsonRecords.fromJson(Fixtures.json(fixture), serde.schema());

    T decoded = serde.deserializer().deserialize("t", serde.serializer().serialize("t", event));

    assertThat(decoded).isEqualTo(event);
  }

  @Test
  void writesAvroSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = cancellations.encode(sample());

    long fingerprint = SchemaNormalization.parsingFingerprint64(CancellationEvent.getClassSchema());
    assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(fingerprint);
  }

  @Test
  void keepsLogicalTypes() {
    CancellationEvent decoded = cancellations.decode("t", cancellations.encode(sample()));

    assertThat(decoded.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(decoded.getEffectiveAt()).isEqualTo(LocalDate.parse("2027-01-31"));
    assertThat(decoded.getMonthlyRevenue()).isEqualByComparingTo("49.90");
  }

  @Test
  void aTombstoneStaysNull() {
    assertThat(cancellations.encode(null)).isNull();
    assertThat(cancellations.decode("t", null)).isNull();
  }

  @Test
  void anUnknownFingerprintIsATypedError() {
    byte[] relationship = AvroSerde.of(CustomerRelationship.class)
        .encode(JsonRecords.fromJson(Fixtures.json("relationship"), CustomerRelationship.getClassSchema()));

    assertThatThrownBy(() -> cancellations.decode("billing.cancellations.v1", relationship))
        .isInstanceOf(UndecodableRecordException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("billing.cancellations.v1")
        .satisfies(e -> assertThat(((UndecodableRecordException) e).reason())
            .isEqualTo(UndecodableRecordException.Reason.UNKNOWN_SCHEMA));
  }

  @Test
  void bytesThatAreNotSingleObjectEncodedAreATypedError() {
    byte[] json = "{\"eventId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> cancellations.decode("t", json))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.BAD_HEADER));
  }

  @Test
  void aTruncatedBodyIsATypedError() {
    byte[] bytes = cancellations.encode(sample());
    byte[] truncated = Arrays.copyOf(bytes, 20);

    assertThatThrownBy(() -> cancellations.decode("t", truncated))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.CORRUPT_BODY));
  }

  @Test
  void readsDataWrittenWithAnOlderVersionFillingDefaults() throws Exception {
    Schema older = Fixtures.schema("evolution/CancellationEvent.older.avsc");
    GenericData.Record record = new GenericData.Record(older);
    record.put("eventId", "evt-old");
    record.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "CANCELLED"));
    record.put("customerId", "C-1");
    record.put("contractId", "K-1");
    record.put("product", "DSL");
    record.put("occurredAt", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    record.put("effectiveAt", (int) LocalDate.parse("2026-03-31").toEpochDay());
    record.put("reason", new GenericData.EnumSymbol(older.getField("reason").schema(), "MOVED"));
    ByteBuffer written = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), older).encode(record);
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(older);
    store.addSchema(CancellationEvent.getClassSchema());

    CancellationEvent read = AvroSerde.of(CancellationEvent.class, store).decode("t", written.array());

    assertThat(read.getEventId()).isEqualTo("evt-old");
    assertThat(read.getReason()).isEqualTo(CancellationReason.MOVED);
    assertThat(read.getReasonText()).isNull();
    assertThat(read.getMonthlyRevenue()).isNull();
  }

  static CancellationEvent sample() {
    return JsonRecords.fromJson(Fixtures.json("cancellation"), CancellationEvent.getClassSchema());
  }

}
