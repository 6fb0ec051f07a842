package io.winback.desk.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.winback.desk.DeskProperties;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.people.People;
import io.winback.desk.preferences.PreferenceAudit;
import io.winback.desk.preferences.RateLimiter;
import io.winback.desk.reports.ReportReadModel;
import io.winback.desk.worklist.WorklistRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The desk's rows follow their configured periods ({@link DeskRetention}, and
 * {@code winback.desk.outbox-retention} for published outcomes): every
 * {@code winback.privacy.retention-interval} a job removes what is older, table by table, in
 * batches of {@code winback.privacy.retention-batch} rows (each its own statement, so no long
 * lock), at most {@value #MAX_BATCHES} batches per table and run; the rest follows next run. Any
 * replica may run it at the same time as another: the deletes skip what another one holds.
 * {@code winback.desk.retention.removed} counts the rows per table, from zero at start-up.
 */
@Component
public class Retention {

  static final int MAX_BATCHES = 50;
  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  /** The tables the job prunes, as the metric's {@code table} tag names them. */
  public static final String TASK = "task";
  public static final String SENT_EMAIL = "sent_email";
  public static final String FEEDBACK_OUTBOX = "feedback_outbox";
  public static final String PERSON = "person";
  public static final String CASE_STATUS = "case_status";
  /** The audit of the customers' preference door: kept as long as the tasks it names. */
  public static final String PREFERENCE_ACTION = "preference_action";
  /** Rate-limit buckets nobody used for a day (full again anyway). */
  public static final String PREFERENCE_RATE_LIMIT = "preference_rate_limit";
  /** The reports' read model: a case with its tasks and outcomes (counted as one, by its case). */
  public static final String REPORT_CASE = "report_case";

  private final WorklistRepository tasks;
  private final SentEmailRepository sentEmails;
  private final FeedbackOutbox outbox;
  private final People people;
  private final CaseStatusRepository cases;
  private final PreferenceAudit preferenceAudit;
  private final RateLimiter rateLimits;
  private final ReportReadModel reports;
  private final DeskRetention retention;
  private final DeskProperties desk;
  private final Clock clock;
  private final Map<String, Counter> removed = new LinkedHashMap<>();

  public Retention(WorklistRepository tasks, SentEmailRepository sentEmails, FeedbackOutbox outbox, People people,
      CaseStatusRepository cases, PreferenceAudit preferenceAudit, RateLimiter rateLimits, ReportReadModel reports,
      DeskRetention retention, DeskProperties desk, Clock clock, MeterRegistry meters) {
    this.preferenceAudit = preferenceAudit;
    this.rateLimits = rateLimits;
    this.tasks = tasks;
    this.sentEmails = sentEmails;
    this.outbox = outbox;
    this.people = people;
    this.cases = cases;
    this.reports = reports;
    this.retention = retention;
    this.desk = desk;
    this.clock = clock;
    for (String table : new String[] {TASK, SENT_EMAIL, FEEDBACK_OUTBOX, PERSON, CASE_STATUS,
        PREFERENCE_ACTION, PREFERENCE_RATE_LIMIT, REPORT_CASE}) {
      removed.put(table, Counter.builder("winback.desk.retention.removed").tag("table", table)
          .description("Rows the retention job removed because their period was over").register(meters));
    }
  }

  @Scheduled(fixedDelayString = "${winback.privacy.retention-interval:1h}",
      initialDelayString = "${winback.privacy.retention-initial-delay:1m}")
  void scheduled() {
    try {
      Map<String, Integer> counts = removeExpired(clock.instant());
      if (counts.values().stream().anyMatch(count -> count > 0)) {
        log.info("retention removed {}", counts);
      }
    } catch (RuntimeException e) {
      // The database is away: nothing is lost by trying again next time.
      log.warn("retention run skipped: {}", e.getMessage());
    }
  }

  /** One run as of {@code now}: how many rows of each table went. */
  public Map<String, Integer> removeExpired(Instant now) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put(TASK, drain(TASK, limit -> tasks.removeFinishedBefore(now.minus(retention.deskTaskRetention()), limit)));
    counts.put(SENT_EMAIL, drain(SENT_EMAIL,
        limit -> sentEmails.removeSentBefore(now.minus(retention.deskTaskRetention()), limit)));
    counts.put(FEEDBACK_OUTBOX, drain(FEEDBACK_OUTBOX,
        limit -> outbox.prunePublished(now.minus(desk.outboxRetention()), limit)));
    counts.put(PERSON, drain(PERSON, limit -> people.removeNotSeenSince(now.minus(retention.personRetention()), limit)));
    counts.put(CASE_STATUS, drain(CASE_STATUS,
        limit -> cases.removeClosedBefore(now.minus(retention.caseRetention()), limit)));
    counts.put(PREFERENCE_ACTION, drain(PREFERENCE_ACTION,
        limit -> preferenceAudit.removeBefore(now.minus(retention.deskTaskRetention()), limit)));
    counts.put(PREFERENCE_RATE_LIMIT, drain(PREFERENCE_RATE_LIMIT, rateLimits::removeIdle));
    counts.put(REPORT_CASE, drain(REPORT_CASE,
        limit -> reports.removeClosedBefore(now.minus(retention.caseRetention()), limit)));
    return counts;
  }

  private int drain(String table, IntUnaryOperator removeBatch) {
    int batch = retention.retentionBatch();
    int total = 0;
    for (int i = 0; i < MAX_BATCHES; i++) {
      int count = removeBatch.applyAsInt(batch);
      total += count;
      removed.get(table).increment(count);
      if (count < batch) {
        break;
      }
    }
    return total;
  }
}
