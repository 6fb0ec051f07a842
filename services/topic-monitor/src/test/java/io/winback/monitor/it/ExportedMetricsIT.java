package io.winback.monitor.it;

import static org.awaitility.Awaitility.await;

import io.winback.schemas.topics.Topics;
import io.winback.testsupport.ExportedMetrics;
import io.winback.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What the monitor exports on {@code /actuator/prometheus} once it has sampled the catalogue and one
 * consumer group: the recording in {@code deploy/prometheus/exported-metrics/topic-monitor.txt} must
 * still be true (the deployment tests check every alert's metrics against it). Record again with
 * {@code -Dwinback.metrics.record=true}. Only this test's group and the catalogue's topics are
 * recorded: the other ITs leave their own on the shared broker.
 */
class ExportedMetricsIT extends MonitorItBase {

  private static final String GROUP = "winback-metrics-recording";
  private static final Pattern GROUP_LABEL = Pattern.compile("group=\"([^\"]*)\"");
  private static final Pattern TOPIC_LABEL = Pattern.compile("topic=\"([^\"]*)\"");

  @Test
  void theMonitorStillExportsWhatTheRecordingSays() throws Exception {
    awaitCatalogue();
    commitStartOffsets();

    String scrape = await().atMost(Duration.ofSeconds(60)).until(() -> http().get("/actuator/prometheus", null).body(),
        body -> body.contains("winback_consumer_lag_seconds{") && body.contains("group=\"" + GROUP + "\""));

    ExportedMetrics.check("topic-monitor", ExportedMetrics.of(scrape, ExportedMetricsIT::ours),
        "services/topic-monitor ExportedMetricsIT (one consumer group on " + Topics.CANCELLATIONS.name() + ")");
  }

  private static boolean ours(String series) {
    Matcher group = GROUP_LABEL.matcher(series);
    Matcher topic = TOPIC_LABEL.matcher(series);
    return (!group.find() || group.group(1).equals(GROUP)) && (!topic.find() || Topics.names().contains(topic.group(1)));
  }

  /** A group that has read nothing of the cancellations yet: the monitor shows its lag. */
  private static void commitStartOffsets() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int partition = 0; partition < Topics.CANCELLATIONS.partitions(); partition++) {
      offsets.put(new TopicPartition(Topics.CANCELLATIONS.name(), partition), new OffsetAndMetadata(0));
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        KafkaTestBroker.bootstrapServers()))) {
      admin.alterConsumerGroupOffsets(GROUP, offsets).all().get(30, TimeUnit.SECONDS);
    }
  }
}
