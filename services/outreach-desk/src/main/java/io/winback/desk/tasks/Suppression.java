package io.winback.desk.tasks;

import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Outcome;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * No contact without consent, checked again at the desk: when the CRM withdraws consent (or
 * erases the customer), open tasks on that channel are not executed and are recorded as SUPPRESSED.
 */
@Component
public class Suppression {

  private static final Logger log = LoggerFactory.getLogger(Suppression.class);

  private final WorklistRepository worklist;
  private final Outcomes outcomes;
  private final Clock clock;

  public Suppression(WorklistRepository worklist, Outcomes outcomes, Clock clock) {
    this.worklist = worklist;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /** After a consent update: suppress the customer's open tasks it no longer allows. */
  public void consentChanged(String customerId) {
    for (WorklistItem item : worklist.openTasksOf(customerId)) {
      if (!worklist.mayContact(customerId, item.channel())) {
        suppress(item);
      }
    }
  }

  /** The CRM erased the customer: every open task is suppressed and the personal data forgotten. */
  public void customerErased(String customerId) {
    List<WorklistItem> open = worklist.openTasksOf(customerId);
    open.forEach(this::suppress);
    worklist.erase(customerId, clock.instant());
    log.info("customer {} erased by the CRM; {} open task(s) suppressed", customerId, open.size());
  }

  /** Records that this task will not be executed for lack of consent. */
  public void suppress(WorklistItem item) {
    if (worklist.finish(item.taskId(), List.of(TaskStatus.OPEN), TaskStatus.SUPPRESSED, Outcome.SUPPRESSED.name(),
        clock.instant())) {
      outcomes.publish(item, Outcome.SUPPRESSED, "outreach-desk", null, null, null, null);
      log.info("task {} of case {} suppressed: no consent for {}", item.taskId(), item.caseId(), item.channel());
    }
  }
}
