package io.winback.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.schemas.Fixtures;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The build-time guard of the public event contracts. */
class SchemaHistoryTest {

  static Stream<Schema> currentSchemas() {
    return Topics.ALL.stream().map(TopicSpec::valueSchema).flatMap(java.util.Optional::stream).distinct();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void everyReleasedVersionIsBackwardAndForwardCompatibleWithAllEarlierOnes(Schema current) {
    List<Schema> versions = SchemaHistory.versions(current.getName());

    assertThat(SchemaEvolution.violations(current.getName(), versions)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void theSchemaInUseIsTheLatestReleasedVersion(Schema current) {
    List<Schema> versions = SchemaHistory.versions(current.getName());
    Schema latest = versions.get(versions.size() - 1);

    assertThat(SchemaNormalization.parsingFingerprint64(current))
        .as("%s changed without a release: add it to src/main/resources/io/winback/schemas/released/%s.v%d.avsc"
                + " (and keep it compatible); its JSON is%n%s",
            current.getName(), current.getName(), versions.size() + 1, current.toString(true))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(latest));
  }

  @Test
  void aCompatibleSuccessorPasses() {
    List<Schema> versions = List.of(CancellationEvent.getClassSchema(),
        Fixtures.schema("evolution/CancellationEvent.compatible-v2.avsc"));

    assertThat(SchemaEvolution.violations("CancellationEvent", versions)).isEmpty();
  }

  @Test
  void aDeliberatelyIncompatibleVersionFailsBothWays() {
    List<Schema> versions = List.of(CancellationEvent.getClassSchema(),
        Fixtures.schema("evolution/CancellationEvent.incompatible-v2.avsc"));

    List<String> violations = SchemaEvolution.violations("CancellationEvent", versions);

    assertThat(violations)
        .anySatisfy(v -> assertThat(v).contains("not backward compatible").contains("salesChannel"))
        .anySatisfy(v -> assertThat(v).contains("not forward compatible").contains("contractId"));
  }
}
