package io.winback.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.cli.CommandFailure;
import io.winback.policy.PolicySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.FileSystemResource;

/** Replay binds winback.policy.* as the processor does: the same record, defaults and formats. */
class PolicyBindingTest {

  /** The processor's configuration, relative to the cli module (where Maven runs its tests). */
  private static final Path PROCESSOR_CONFIG = Path.of("../services/churn-processor/src/main/resources/application.yml");

  @TempDir
  Path dir;

  @Test
  void todayIsWhatTheProcessorsApplicationYmlConfigures() throws IOException {
    List<ProposedSetting> processor = new java.util.ArrayList<>();
    for (var document : new YamlPropertySourceLoader().load("processor", new FileSystemResource(PROCESSOR_CONFIG))) {
      EnumerablePropertySource<?> properties = (EnumerablePropertySource<?>) document;
      for (String name : properties.getPropertyNames()) {
        if (name.startsWith(ProposedSetting.PREFIX)) {
          processor.add(ProposedSetting.of(name, String.valueOf(properties.getProperty(name)), "application.yml"));
        }
      }
    }

    assertThat(processor).hasSize(PolicyBinding.knownKeys().size());
    // YAML reads 100.00 as the number 100.0: the same threshold, another scale.
    assertThat(PolicyBinding.bind(processor)).usingRecursiveComparison()
        .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
        .isEqualTo(PolicyBinding.today());
    assertThat(PolicyBinding.today()).isEqualTo(PolicySettings.defaults());
  }

  @Test
  void aKeyMayComeWithOrWithoutThePrefixInBootsFormats() {
    PolicySettings after = PolicyBinding.bind(List.of(
        ProposedSetting.fromOption("long-standing-years=3"),
        ProposedSetting.fromOption("winback.policy.no-answer-timeout=36h"),
        ProposedSetting.fromOption("quiet-hours-start=21:30")));

    assertThat(after.longStandingYears()).isEqualTo(3);
    assertThat(after.noAnswerTimeout()).isEqualTo(Duration.ofHours(36));
    assertThat(after.quietHoursStart()).isEqualTo(LocalTime.of(21, 30));
    assertThat(after.maxAttempts()).isEqualTo(PolicySettings.defaults().maxAttempts());
  }

  @Test
  void theLaterOfTwoSettingsOfOneKeyWins() {
    PolicySettings after = PolicyBinding.bind(List.of(
        ProposedSetting.fromOption("long-standing-years=3"), ProposedSetting.fromOption("long-standing-years=4")));

    assertThat(after.longStandingYears()).isEqualTo(4);
  }

  @Test
  void anUnknownKeyIsAUsageErrorThatNamesItAndWhereItCameFrom() {
    assertThatThrownBy(() -> PolicyBinding.bind(List.of(ProposedSetting.fromOption("long-standing-yeers=3"))))
        .isInstanceOfSatisfying(CommandFailure.class, failure -> {
          assertThat(failure.exitCode()).isEqualTo(CommandFailure.USAGE);
          assertThat(failure.getMessage())
              .contains("unknown setting winback.policy.long-standing-yeers (--set long-standing-yeers=3)")
              .contains("long-standing-years, win-back-revenue-threshold");
        });
  }

  @Test
  void aBadValueIsAUsageErrorWithBootsMessage() {
    assertThatThrownBy(() -> PolicyBinding.bind(List.of(ProposedSetting.fromOption("no-answer-timeout=a week"))))
        .isInstanceOfSatisfying(CommandFailure.class, failure -> {
          assertThat(failure.exitCode()).isEqualTo(CommandFailure.USAGE);
          assertThat(failure.getMessage())
              .startsWith("bad value for winback.policy.no-answer-timeout (--set no-answer-timeout=a week): ")
              .contains("a week");
        });
  }

  @Test
  void settingsThePolicyRefusesAreAUsageError() {
    assertThatThrownBy(() -> PolicyBinding.bind(List.of(ProposedSetting.fromOption("max-attempts=0"))))
        .isInstanceOfSatisfying(CommandFailure.class, failure -> {
          assertThat(failure.exitCode()).isEqualTo(CommandFailure.USAGE);
          assertThat(failure.getMessage()).isEqualTo("the proposed settings are not valid: maxAttempts must be at least 1");
        });
  }

  @Test
  void anAssignmentWithoutEqualsSignIsAUsageError() {
    assertThatThrownBy(() -> ProposedSetting.fromOption("long-standing-years"))
        .isInstanceOfSatisfying(CommandFailure.class, failure ->
            assertThat(failure.exitCode()).isEqualTo(CommandFailure.USAGE));
  }

  @Test
  void aYamlFileOfSettingsNestedOrFlat() throws IOException {
    Path yml = Files.writeString(dir.resolve("proposal.yml"), """
        winback:
          policy:
            long-standing-years: 3
            max-attempts: 3
        phone-business-days: 1
        """);

    PolicySettings after = PolicyBinding.bind(SettingsFile.read(yml));

    assertThat(after.longStandingYears()).isEqualTo(3);
    assertThat(after.maxAttempts()).isEqualTo(3);
    assertThat(after.phoneBusinessDays()).isEqualTo(1);
  }

  @Test
  void aPropertiesFileOfSettingsAndItsUnknownKeyNamesTheFile() throws IOException {
    Path properties = Files.writeString(dir.resolve("proposal.properties"), """
        winback.policy.long-standing-years=3
        winback.policy.in-person-dayz=3
        """);

    assertThatThrownBy(() -> PolicyBinding.bind(SettingsFile.read(properties)))
        .isInstanceOfSatisfying(CommandFailure.class, failure ->
            assertThat(failure.getMessage()).contains("unknown setting winback.policy.in-person-dayz (proposal.properties)"));
  }

  @Test
  void aFileOfAnotherKindOrNoneAtAllIsAUsageError() throws IOException {
    Path json = Files.writeString(dir.resolve("proposal.json"), "{}");

    assertThatThrownBy(() -> SettingsFile.read(json)).isInstanceOfSatisfying(CommandFailure.class, failure -> {
      assertThat(failure.exitCode()).isEqualTo(CommandFailure.USAGE);
      assertThat(failure.getMessage()).contains("expected a .properties, .yml or .yaml file");
    });
    assertThatThrownBy(() -> SettingsFile.read(dir.resolve("missing.yml")))
        .isInstanceOfSatisfying(CommandFailure.class, failure -> assertThat(failure.getMessage()).contains("no such file"));
  }
}
