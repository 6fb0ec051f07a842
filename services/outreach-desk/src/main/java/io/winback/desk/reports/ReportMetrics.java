package io.winback.desk.reports;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import io.winback.events.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The read model's counts on /actuator/prometheus: {@code winback_desk_report_cases{cohort,status}}
 * (cases the desk knows, by cohort and status) and {@code winback_desk_report_outcomes{channel,outcome}}
 * (outcomes by the channel of their task). Gauges refreshed from the database every
 * {@code winback.desk.report-metrics-interval} (30 s), not counters incremented per event: the read
 * model is shared by every replica and a redelivered record must not count twice, so each replica
 * reports the same numbers (sum nothing in PromQL; take max by the labels). Every known label value
 * exists from start-up at zero. A status shows the case topic's own symbols (a holdout case's OPEN
 * is its HOLDOUT, its NO_RESPONSE its NOT_RETURNED).
 */
@Component
public class ReportMetrics {

  private static final Logger log = LoggerFactory.getLogger(ReportMetrics.class);

  private final JdbcClient db;
  private final Map<String, AtomicLong> cases = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

  public ReportMetrics(JdbcClient db, MeterRegistry registry) {
    this.db = db;
    for (Cohort cohort : Cohort.values()) {
      for (CaseStatus status : CaseStatus.values()) {
        AtomicLong value = cases.computeIfAbsent(key(cohort.name(), status.name()), k -> new AtomicLong());
        Gauge.builder("winback.desk.report.cases", value, AtomicLong::doubleValue)
            .description("Cases in the reports' read model by cohort and status (the same on every replica)")
            .tag("cohort", cohort.name()).tag("status", status.name()).register(registry);
      }
    }
    for (Channel channel : Channel.values()) {
      for (Outcome outcome : Outcome.values()) {
        AtomicLong value = outcomes.computeIfAbsent(key(channel.name(), outcome.name()), k -> new AtomicLong());
        Gauge.builder("winback.desk.report.outcomes", value, AtomicLong::doubleValue)
            .description("Outcomes in the reports' read model by the channel of their task and the outcome")
            .tag("channel", channel.name()).tag("outcome", outcome.name()).register(registry);
      }
    }
  }

  @Scheduled(fixedDelayString = "${winback.desk.report-metrics-interval:30s}", initialDelayString = "5s")
  void scheduled() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // The database is away: the gauges keep their last values until the next refresh.
      log.debug("report metrics not refreshed: {}", e.getMessage());
    }
  }

  /** Reads the counts from the read model; a combination without rows goes back to zero. */
  public void refresh() {
    Map<String, Long> caseCounts = new ConcurrentHashMap<>();
    db.sql("SELECT cohort, status, count(*) AS n FROM report_case WHERE status IS NOT NULL GROUP BY 1, 2")
        .query(rs -> {
          caseCounts.put(key(rs.getString("cohort"), rs.getString("status")), rs.getLong("n"));
        });
    cases.forEach((key, value) -> value.set(caseCounts.getOrDefault(key, 0L)));
    Map<String, Long> outcomeCounts = new ConcurrentHashMap<>();
    db.sql("SELECT t.channel, o.outcome, count(*) AS n FROM report_outcome o JOIN report_task t ON t.task_id = o.task_id "
            + "GROUP BY 1, 2")
        .query(rs -> {
          outcomeCounts.put(key(rs.getString("channel"), rs.getString("outcome")), rs.getLong("n"));
        });
    outcomes.forEach((key, value) -> value.set(outcomeCounts.getOrDefault(key, 0L)));
  }

  private static String key(String a, String b) {
    return a + "|" + b;
  }
}
