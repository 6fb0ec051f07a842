package io.winback.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Outcome;
import io.winback.events.TaskState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's lifecycle table is {@link TaskOutcomes}, printed: this test fails when the two
 * differ, and prints the block to paste between the markers.
 */
class TaskOutcomesReadmeTest {

  static final Path README = Path.of("../README.md");
  static final String BEGIN = "<!-- task-outcomes:begin -->";
  static final String END = "<!-- task-outcomes:end -->";

  /** The table as Markdown: one row per outcome, one column per task state, then what the effects mean. */
  static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| Outcome ↓ · task state → | ")
        .append(Arrays.stream(TaskState.values()).map(Enum::name).collect(Collectors.joining(" | "))).append(" |\n");
    md.append("|---|").append("---|".repeat(TaskState.values().length)).append('\n');
    for (Outcome outcome : Outcome.values()) {
      md.append("| ").append(outcome.name()).append(" |");
      for (TaskState state : TaskState.values()) {
        md.append(' ').append(TaskOutcomes.step(state, outcome)
            .map(step -> "→ " + step.next() + ", " + step.effect().label())
            .orElse("refused")).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
    for (TaskOutcomes.CaseEffect effect : TaskOutcomes.CaseEffect.values()) {
      md.append("- *").append(effect.label()).append("*: ").append(effect.description()).append(".\n");
    }
    md.append("- *refused*: the outcome goes to `winback.dlq.v1` with the reason \"")
        .append(TaskOutcomes.rejection(TaskState.DONE, Outcome.WON_BACK).replace("WON_BACK", "X").replace("DONE", "Y"))
        .append("\" and changes nothing.\n");
    return md.toString();
  }

  @Test
  void theReadmesLifecycleTableIsTheTableInCode() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README.md has the marker %s", BEGIN).isNotNegative();
    assertThat(end).as("README.md has the marker %s", END).isGreaterThan(begin);

    String inReadme = readme.substring(begin + BEGIN.length(), end).strip();

    assertThat(inReadme).as("README.md's lifecycle table differs from TaskOutcomes; put this between the markers:%n%s",
        markdown()).isEqualTo(markdown().strip());
  }
}
