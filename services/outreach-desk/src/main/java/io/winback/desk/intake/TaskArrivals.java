package io.winback.desk.intake;

import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.consent.CustomerRecord;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.OutreachTask;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a new or withdrawn task does to the desk's database. A task whose customer the CRM has
 * erased is stored without its personal data and suppressed; one whose customer refused the
 * channel since is suppressed at once, instead of waiting in a worklist.
 */
@Component
class TaskArrivals {

  private static final Logger log = LoggerFactory.getLogger(TaskArrivals.class);

  private final WorklistRepository worklist;
  private final CustomerRepository customers;
  private final ConsentCheck consent;
  private final Suppression suppression;
  private final Clock clock;

  TaskArrivals(WorklistRepository worklist, CustomerRepository customers, ConsentCheck consent,
      Suppression suppression, Clock clock) {
    this.worklist = worklist;
    this.customers = customers;
    this.consent = consent;
    this.suppression = suppression;
    this.clock = clock;
  }

  @Transactional
  public void created(OutreachTask task, int crmPartition) {
    boolean erased = customers.find(task.getCustomerId()).map(CustomerRecord::erased).orElse(false);
    OutreachTask stored = erased ? withoutPersonalData(task) : task;
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

  /** The task as the desk may keep it for a customer the CRM erased: ids, channel and dates only. */
  static OutreachTask withoutPersonalData(OutreachTask task) {
    return OutreachTask.newBuilder(task).setContact(null).setMessage("").setSubject(null).setContext(null).build();
  }
}
