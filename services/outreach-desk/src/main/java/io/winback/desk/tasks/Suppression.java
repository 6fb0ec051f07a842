package io.winback.desk.tasks;

import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.metrics.DeskMetrics;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * No contact without consent, at the desk: a task the customer's CRM data does not allow (any more)
 * is not executed and is recorded as SUPPRESSED, with the reason, on the task and on
 * outreach.feedback.v1, in one transaction.
 */
@Component
public class Suppression {

  static final String RECORDED_BY = "outreach-desk";
  private static final Logger log = LoggerFactory.getLogger(Suppression.class);

  private final WorklistRepository worklist;
  private final CustomerRepository customers;
  private final SentEmailRepository sentEmails;
  private final FeedbackOutbox outbox;
  private final ConsentCheck consent;
  private final Outcomes outcomes;
  private final DeskMetrics metrics;
  private final Clock clock;

  public Suppression(WorklistRepository worklist, CustomerRepository customers, SentEmailRepository sentEmails,
      FeedbackOutbox outbox, ConsentCheck consent, Outcomes outcomes, DeskMetrics metrics, Clock clock) {
    this.worklist = worklist;
    this.customers = customers;
    this.sentEmails = sentEmails;
    this.outbox = outbox;
    this.consent = consent;
    this.outcomes = outcomes;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** New CRM data: stored, and the customer's open tasks it no longer allows are suppressed. */
  @Transactional
  public void crmRecord(CustomerRelationship relationship) {
    customers.save(relationship, clock.instant());
    for (WorklistItem item : worklist.openTasksOf(relationship.getCustomerId())) {
      ConsentVerdict verdict = consent.check(item);
      if (verdict.refused()) {
        suppress(item, verdict.reason());
      }
    }
  }

  /**
   * The customer was erased (a CRM tombstone, or the customer's key erased on winback.keys.v1;
   * whichever comes first, the other changes nothing more): every open task is suppressed, and every
   * row of the customer loses its personal data at once, in one transaction. The customer's row
   * stays, without data, as the marker that refuses every contact from now on.
   */
  @Transactional
  public void customerErased(String customerId, String by) {
    customers.erase(customerId, clock.instant());
    List<WorklistItem> open = worklist.openTasksOf(customerId);
    open.forEach(item -> suppress(item, ConsentVerdict.ERASED));
    int tasks = worklist.forgetPersonalData(customerId, clock.instant());
    sentEmails.forget(customerId);
    int outcomes = outbox.forget(customerId);
    log.info("a customer was erased ({}); {} open task(s) suppressed, {} task(s) and {} outcome(s) without personal "
        + "data now", by, open.size(), tasks, outcomes);
  }

  /** Records that this open task will not be executed, and why; false if it was no longer open. */
  @Transactional
  public boolean suppress(WorklistItem item, String reason) {
    if (!worklist.finish(item.taskId(), List.of(TaskStatus.OPEN), TaskStatus.SUPPRESSED, Outcome.SUPPRESSED.name(),
        reason, clock.instant())) {
      return false;
    }
    outcomes.record(item, Outcome.SUPPRESSED, RECORDED_BY, reason);
    metrics.taskSuppressed(reason);
    log.info("task {} of case {} suppressed: {}", item.taskId(), item.caseId(), reason);
    return true;
  }
}
