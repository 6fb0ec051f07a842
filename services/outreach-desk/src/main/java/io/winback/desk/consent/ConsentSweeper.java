package io.winback.desk.consent;

import io.winback.desk.DeskProperties;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A task whose customer the CRM has no record of, after {@code winback.desk.consent-wait}, while
 * the desk's copy of the CRM is complete: nothing will allow the contact, so the task is recorded
 * SUPPRESSED ("no consent data") instead of lying in a worklist. Any replica may do it; the
 * suppression's conditional update makes it happen once.
 */
@Component
class ConsentSweeper {

  private static final Logger log = LoggerFactory.getLogger(ConsentSweeper.class);
  private static final int BATCH = 200;

  private final WorklistRepository worklist;
  private final Suppression suppression;
  private final DeskProperties properties;
  private final Clock clock;

  ConsentSweeper(WorklistRepository worklist, Suppression suppression, DeskProperties properties, Clock clock) {
    this.worklist = worklist;
    this.suppression = suppression;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${winback.desk.consent-sweep-interval:30s}", initialDelayString = "5s")
  void suppressTasksWithoutConsentData() {
    try {
      Instant now = clock.instant();
      List<WorklistItem> waiting = worklist.openWithoutCustomerData(now.minus(properties.consentWait()),
          now.minus(properties.consentMaxStaleness()), BATCH);
      waiting.forEach(item -> suppression.suppress(item, ConsentVerdict.NO_CONSENT_DATA));
    } catch (RuntimeException e) {
      log.warn("consent sweep skipped: {}", e.getMessage());
    }
  }
}
