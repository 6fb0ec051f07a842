package io.winback.processor.topology;

import static io.winback.processor.Events.cancellation;
import static io.winback.processor.Events.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.CancellationEvent;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseIds;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CaseFileSerdeTest {

  private final CaseFileSerde serde = new CaseFileSerde();

  @Test
  void aCaseFileSurvivesTheStore() {
    CaseFile file = openedCase();

    byte[] bytes = serde.serializer().serialize(StoreNames.CASES, file);

    assertThat(serde.deserializer().deserialize(StoreNames.CASES, bytes)).isEqualTo(file);
  }

  @Test
  void nullStaysNullForDeletes() {
    assertThat(serde.serializer().serialize(StoreNames.CASES, null)).isNull();
    assertThat(serde.deserializer().deserialize(StoreNames.CASES, null)).isNull();
  }

  @Test
  void aTruncatedValueIsASerializationErrorNotAWrongCase() {
    byte[] bytes = serde.serializer().serialize(StoreNames.CASES, openedCase());

    assertThatThrownBy(() -> serde.deserializer().deserialize(StoreNames.CASES, Arrays.copyOf(bytes, 3)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize(StoreNames.CASES, Arrays.copyOf(bytes, 40)))
        .isInstanceOf(SerializationException.class);
  }

  /** A case and its cancellation as the topology stores them, taken from a run of the topology. */
  private static CaseFile openedCase() {
    try (TopologyHarness app = new TopologyHarness(ChurnTopologyTest.MONDAY_MORNING)) {
      app.send(customer("C-1").build());
      CancellationEvent event = cancellation("C-1", app.now()).setReasonText("zu teuer").build();
      app.send(event);
      CaseFile file = app.caseFile(CaseIds.caseId(event.getEventId()));
      assertThat(file.state().getTasks()).hasSize(1);
      assertThat(file.cancellation()).isEqualTo(event);
      return file;
    }
  }
}
