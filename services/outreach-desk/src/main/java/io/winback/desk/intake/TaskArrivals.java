package io.winback.desk.intake;

import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.consent.CustomerRecord;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.reports.ReportReadModel;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.OutreachTask;
import io.winback.schemas.privacy.TaskSeals;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a new or withdrawn task does to the desk's database. A task whose customer was erased (by
 * the CRM, or the customer's key) is stored without its personal data and suppressed; one whose
 * customer refused the channel since is suppressed at once, instead of waiting in a worklist. A
 * sealed task is stored sealed, as it arrived.
 */
@Component
class TaskArrivals {

  private static final Logger log = LoggerFactory.getLogger(TaskArrivals.class);

  private final WorklistRepository worklist;
  private final CustomerRepository customers;
  private final ConsentCheck consent;
  private final Suppression suppression;
  private final CustomerKeys keys;
  private final ReportReadModel reports;
  private final Clock clock;

  TaskArrivals(WorklistRepository worklist, CustomerRepository customers, ConsentCheck consent,
      Suppression suppression, CustomerKeys keys, ReportReadModel reports, Clock clock) {
    this.worklist = worklist;
    this.customers = customers;
    this.consent = consent;
    this.suppression = suppression;
    this.keys = keys;
    this.reports = reports;
    this.clock = clock;
  }

  @Transactional
  public void created(OutreachTask task, int crmPartition) {
    boolean erased = keys.erased(task.getCustomerId())
        || customers.find(task.getCustomerId()).map(CustomerRecord::erased).orElse(false);
    OutreachTask stored = erased ? TaskSeals.withoutPersonalData(task) : task;
    // Ids, channel, dates and the case's classifications only (the same on a re-delivery).
    reports.taskCreated(stored, clock.instant());
    if (!worklist.addTask(stored, crmPartition, clock.instant())) {
      return; // re-delivered: the desk has it
    }
    log.info("task {} ({}) of case {} added, due {}", task.getTaskId(), task.getChannel(), task.getCaseId(),
        task.getDueAt());
    worklist.find(task.getTaskId()).ifPresent(item -> {
      ConsentVerdict verdict = consent.check(item);
      if (verdict.refused()) {
        suppression.suppress(item, verdict.reason());
      }
    });
  }

  @Transactional
  public void cancelled(OutreachTask task) {
    if (worklist.cancel(task.getTaskId(), clock.instant())) {
      log.info("task {} of case {} cancelled", task.getTaskId(), task.getCaseId());
    }
  }
}
