package io.winback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.schemas.json.JsonRecords;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Lists the topic catalogue with partitions, end offsets and consumer-group lag.")
public class TopicsCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON document instead of tables.")
  boolean json;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TopicOverview.Snapshot snapshot;
    try (Admin admin = kafka.admin()) {
      kafka.requireReachable(admin, Duration.ofSeconds(10));
      snapshot = TopicOverview.read(admin);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonRecords.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(snapshot)));
    } else {
      printTables(out, snapshot);
    }
    out.flush();
    return 0;
  }

  private static void printTables(PrintWriter out, TopicOverview.Snapshot snapshot) {
    String topicRow = "%-30s %10s %-8s %-10s %12s  %s%n";
    out.printf(topicRow, "TOPIC", "PARTITIONS", "CLEANUP", "RETENTION", "END-OFFSETS", "KEY");
    for (TopicOverview.TopicState topic : snapshot.topics()) {
      out.printf(topicRow, topic.spec().name(),
          topic.exists() ? Integer.toString(topic.partitions()) : "missing",
          topic.spec().cleanupPolicy().name().toLowerCase(java.util.Locale.ROOT),
          retention(topic.spec().retention()),
          topic.exists() ? Long.toString(topic.endOffsets()) : "-",
          topic.spec().keyField() == null ? "(original key)" : topic.spec().keyField());
    }
    out.println();
    if (snapshot.lags().isEmpty()) {
      out.println("No consumer group has committed offsets on these topics yet.");
      return;
    }
    String lagRow = "%-32s %-30s %12s %12s %10s%n";
    out.printf(lagRow, "CONSUMER GROUP", "TOPIC", "COMMITTED", "END", "LAG");
    snapshot.lags().forEach(lag ->
        out.printf(lagRow, lag.group(), lag.topic(), lag.committed(), lag.end(), lag.lag()));
  }

  private static String retention(Duration retention) {
    if (retention == null) {
      return "forever";
    }
    return retention.toDays() > 0 ? retention.toDays() + "d" : retention.toHours() + "h";
  }

  private static ObjectNode toJson(TopicOverview.Snapshot snapshot) {
    ObjectNode root = JsonRecords.mapper().createObjectNode();
    ArrayNode topics = root.putArray("topics");
    snapshot.topics().forEach(topic -> topics.addObject()
        .put("name", topic.spec().name())
        .put("exists", topic.exists())
        .put("partitions", topic.partitions())
        .put("cleanupPolicy", topic.spec().cleanupPolicy().name().toLowerCase(java.util.Locale.ROOT))
        .put("retentionMs", topic.spec().retention() == null ? -1 : topic.spec().retention().toMillis())
        .put("endOffsets", topic.endOffsets()));
    ArrayNode lags = root.putArray("consumerGroups");
    snapshot.lags().forEach(lag -> lags.addObject()
        .put("group", lag.group()).put("topic", lag.topic())
        .put("committed", lag.committed()).put("end", lag.end()).put("lag", lag.lag()));
    return root;
  }
}
