package io.winback.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A small {@code winback chaos} run as part of {@code ./mvnw verify}: the command line jar, as an
 * operator runs it, on the services' jars the reactor built before this module. 3,000 cancellations
 * with every kind of fault once (each processor killed once, the broker restarted cleanly and killed,
 * the SMTP server down 20 s, PostgreSQL restarted), 60 poison records, duplicates, late CRM data and
 * withdrawals; nothing may be lost or duplicated, nobody contacted wrongly, and every poison record
 * must be on the dead-letter topic with its reason.
 */
class ChaosIT {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LAST_LINE = Pattern.compile("chaos: cancellations=(\\d+) cases=(\\d+) tasks=(\\d+)"
      + " emails=(\\d+) lost=(\\d+) duplicated=(\\d+) duplicate_emails=(\\d+) wrong_contacts=(\\d+) dead_letters=(\\d+)");
  private static final Pattern POISON = Pattern.compile(
      "chaos: poison records sent (\\d+), dead-lettered with their reason (\\d+), other records dead-lettered (\\d+)");
  private static final Pattern FOUND = Pattern.compile("chaos: FOUND (.+) \\((\\d+)\\), e\\.g\\.:");
  private static final int CANCELLATIONS = 3_000;
  private static final int POISON_RECORDS = 60;
  @Test
  void aSmallChaosRunLosesNothingDuplicatesNothingAndContactsNobodyAgainstTheirWishes() throws Exception {
    SystemJars.processor();
    SystemJars.desk();
    Path cli = REPOSITORY.resolve("cli/target/winback-cli.jar");
    assertThat(cli).as("the command line jar, built by the reactor before this module").isRegularFile();
    Path output = Files.createDirectories(Path.of("target")).resolve("chaos-it.out").toAbsolutePath();
    Path data = Path.of("target", "chaos-it-data").toAbsolutePath();
    deleteIfThere(data);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-jar", cli.toString(), "chaos",
        "--cancellations", Integer.toString(CANCELLATIONS), "--rate", "40", "--seed", "7",
        "--poison", Integer.toString(POISON_RECORDS), "--kills", "1", "--smtp-outage", "20", "--settle-timeout", "5",
        // Under target/, so that a clean takes the broker's, PostgreSQL's and the services' data and logs with it.
        "--data-dir", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("WINBACK_HOME", REPOSITORY.toString());
    builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    Process chaos = builder.start();
    // A guard against a hung run only (it takes a few minutes); speed is for benchmarks, not this test.
    if (!chaos.waitFor(45, TimeUnit.MINUTES)) {
      chaos.destroy();
      chaos.waitFor(60, TimeUnit.SECONDS);
      throw new AssertionError("winback chaos did not end within 45 min:\n" + tail(output));
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    Matcher counts = LAST_LINE.matcher(last);
    assertThat(counts.matches()).as("the last line, exactly as the issue says:\n%s", tail(output)).isTrue();

    assertThat(Long.parseLong(counts.group(1))).isEqualTo(CANCELLATIONS);
    assertThat(Long.parseLong(counts.group(2))).as("cases").isEqualTo(CANCELLATIONS);
    assertThat(Long.parseLong(counts.group(3))).as("tasks").isPositive();
    assertThat(Long.parseLong(counts.group(4))).as("emails").isPositive();
    assertThat(Long.parseLong(counts.group(5))).as("lost\n%s", tail(output)).isZero();
    assertThat(Long.parseLong(counts.group(6))).as("duplicated\n%s", tail(output)).isZero();
    assertThat(Long.parseLong(counts.group(8))).as("wrong_contacts\n%s", tail(output)).isZero();

    Matcher poison = lines.stream().map(POISON::matcher).filter(Matcher::matches).findFirst()
        .orElseThrow(() -> new AssertionError("no poison summary:\n" + tail(output)));
    assertThat(Long.parseLong(poison.group(1))).as("poison records sent").isEqualTo(POISON_RECORDS);
    assertThat(Long.parseLong(poison.group(2))).as("poison records dead-lettered with their reason\n%s", tail(output))
        .isEqualTo(POISON_RECORDS);
    Map<String, Long> found = new LinkedHashMap<>();
    lines.stream().map(FOUND::matcher).filter(Matcher::matches)
        .forEach(match -> found.put(match.group(1), Long.parseLong(match.group(2))));
    // No finding is let through: the desk's outcome for a task the case's close cancelled (a withdrawal during
    // a send) is recorded by the processor without effect, so a dead letter of it fails the run like any other.
    assertThat(found).as("findings\n%s", tail(output)).isEmpty();
    assertThat(Long.parseLong(counts.group(9))).as("dead letters: the poison records only").isEqualTo(POISON_RECORDS);
    assertThat(chaos.exitValue()).as("exit code").isZero();
  }

  /** An earlier run's data: the run wants a fresh broker and a fresh database. */
  private static void deleteIfThere(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(" + output + " unreadable: " + e.getMessage() + ")";
    }
  }
}
