package io.winback.monitor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The monitor's settings (winback.monitor.*).
 *
 * @param sampleInterval how often offsets and commits are read
 * @param windowSamples samples per group-partition the status is judged over; the window
 *     (samples times interval) must be longer than the slowest consumer's commit interval, or a
 *     consumer between two commits looks stalled
 * @param history how much history the charts keep, in memory
 * @param rateWindow the span records-per-second are averaged over
 * @param kafkaTimeout the longest wait for one Admin call, and for the health check
 * @param timeLagTimeout the longest a sample waits for the oldest unconsumed records' timestamps
 * @param deadLetterLimit how many of the newest dead letters the view shows
 * @param createTopics create missing catalogue topics at start-up, like every Winback service
 * @param processorGroup / deskGroup the consumer groups behind the pipeline's service stages
 * @param services name to base URL of the services whose /actuator/health the overview shows
 */
@ConfigurationProperties("winback.monitor")
public record MonitorProperties(
    @DefaultValue("5s") Duration sampleInterval,
    @DefaultValue("10") int windowSamples,
    @DefaultValue("1h") Duration history,
    @DefaultValue("30s") Duration rateWindow,
    @DefaultValue("5s") Duration kafkaTimeout,
    @DefaultValue("2s") Duration timeLagTimeout,
    @DefaultValue("100") int deadLetterLimit,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("winback-churn-processor") String processorGroup,
    @DefaultValue("winback-outreach-desk") String deskGroup,
    Map<String, String> services) {

  public static final String PROCESSOR = "churn-processor";
  public static final String DESK = "outreach-desk";
  public static final String MONITOR = "topic-monitor";

  public MonitorProperties {
    if (services == null) {
      services = new LinkedHashMap<>();
      services.put(PROCESSOR, "http://localhost:8081");
      services.put(DESK, "http://localhost:8080");
      services.put(MONITOR, "http://localhost:8082");
    }
    services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
  }

  /** Samples that fit in the history, plus one so the oldest point is a full span back. */
  public int historyCapacity() {
    return (int) Math.max(2, history.toMillis() / Math.max(1, sampleInterval.toMillis()) + 1);
  }
}
