package io.winback.monitor.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own consumer-groups tool ({@code kafka-consumer-groups.sh --describe}), run as an operator
 * runs it: in its own JVM, its table read from standard output. In-process it would call
 * {@code Exit} and its service API is package-private, so a child JVM is the honest way.
 */
final class ConsumerGroupsTool {

  static final String MAIN = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

  /** One row of the --describe table; offsets are null where the tool prints "-". */
  record Row(String group, String topic, int partition, Long currentOffset, Long logEndOffset, Long lag) {}

  record Result(int exitCode, String output, List<Row> rows) {}

  private ConsumerGroupsTool() {}

  static Result describe(String bootstrapServers, String group) {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-cp", classPath(),
        MAIN,
        "--bootstrap-server", bootstrapServers,
        "--describe",
        "--group", group);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the consumer-groups tool did not finish within 60 s");
      }
      String output = new String(out, StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output, parse(output, group));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The table's rows: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST
   * CLIENT-ID. Log lines and the header are skipped: a row starts with the group id.
   */
  static List<Row> parse(String output, String group) {
    List<Row> rows = new ArrayList<>();
    for (String line : output.split("\\R")) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 6 && columns[0].equals(group) && columns[2].matches("\\d+")) {
        rows.add(new Row(columns[0], columns[1], Integer.parseInt(columns[2]),
            number(columns[3]), number(columns[4]), number(columns[5])));
      }
    }
    return rows;
  }

  private static Long number(String column) {
    return column.equals("-") ? null : Long.valueOf(column);
  }

  /** Failsafe may hand the test JVM a manifest-only jar; it publishes the real class path too. */
  private static String classPath() {
    String full = System.getProperty("surefire.test.class.path");
    return full != null && !full.isBlank() ? full : System.getProperty("java.class.path");
  }
}
