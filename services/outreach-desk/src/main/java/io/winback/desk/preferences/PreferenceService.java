package io.winback.desk.preferences;

import io.winback.desk.DeskProperties;
import io.winback.desk.consent.CustomerRecord;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.outbox.FeedbackRelay;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.privacy.OpenedTask;
import io.winback.desk.privacy.TaskOpener;
import io.winback.desk.tasks.Outcomes;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import io.winback.events.TaskState;
import io.winback.schemas.rules.CustomerChoices;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's door behind the page, the one-click and the mailto unsubscribe: checks the
 * token, the rate limits and the task, applies {@link PreferenceRules}, and records the choice in
 * the feedback outbox (the relay publishes it, its free text sealed) together with the audit row
 * and the task's change, in one transaction under the task's row lock. Never logs more than the
 * task id, the action and the result.
 */
@Service
public class PreferenceService {

  private static final Logger log = LoggerFactory.getLogger(PreferenceService.class);
  /** The channels whose contacts carry a link: a token naming another task is no link of ours. */
  static final Set<Channel> WRITTEN = EnumSet.of(Channel.EMAIL, Channel.LETTER, Channel.WHATSAPP);

  private final PreferenceLinks links;
  private final PreferenceSettings settings;
  private final RateLimiter limiter;
  private final PreferenceAudit audit;
  private final PreferenceMetrics metrics;
  private final WorklistRepository worklist;
  private final CustomerRepository customers;
  private final CustomerKeys keys;
  private final TaskOpener opener;
  private final Outcomes outcomes;
  private final FeedbackRelay relay;
  private final TransactionTemplate transaction;
  private final int maxTextLength;
  private final Clock clock;

  public PreferenceService(PreferenceLinks links, PreferenceSettings settings, RateLimiter limiter,
      PreferenceAudit audit, PreferenceMetrics metrics, WorklistRepository worklist, CustomerRepository customers,
      CustomerKeys keys, TaskOpener opener, Outcomes outcomes, FeedbackRelay relay,
      PlatformTransactionManager transactions, DeskProperties desk, Clock clock) {
    this.links = links;
    this.settings = settings;
    this.limiter = limiter;
    this.audit = audit;
    this.metrics = metrics;
    this.worklist = worklist;
    this.customers = customers;
    this.keys = keys;
    this.opener = opener;
    this.outcomes = outcomes;
    this.relay = relay;
    this.transaction = new TransactionTemplate(transactions);
    this.maxTextLength = desk.maxTextLength();
    this.clock = clock;
  }

  /**
   * Whether this request may go on: a token left in the link's bucket and in the client address's
   * ({@code address} null: no address, e.g. the mailbox). Counted as THROTTLED when not.
   */
  public boolean admit(String token, String address, String action) {
    PreferenceSettings.RateLimit limit = settings.rateLimit();
    boolean admitted = (address == null || limiter.take("a:" + links.digest(address),
        new RateLimiter.Bucket(limit.perAddressCapacity(), limit.perAddressRefillEvery())))
        && limiter.take("t:" + links.digest(String.valueOf(token)),
            new RateLimiter.Bucket(limit.perTokenCapacity(), limit.perTokenRefillEvery()));
    if (!admitted) {
      metrics.count(action, PreferenceResult.THROTTLED);
    }
    return admitted;
  }

  /** The page for the token: what the customer chose so far, in their language; or INVALID. */
  public PreferencePage view(String token, Door via) {
    Optional<WorklistItem> task = validTask(token);
    Instant now = clock.instant();
    if (task.isEmpty()) {
      return invalid(token, PreferenceAudit.VIEW, via, now);
    }
    return finish(task.get(), PreferenceAudit.VIEW, via, PreferenceResult.SHOWN, now, audit.recorded(task.get().taskId()));
  }

  /**
   * The customer's choice: recorded once (RECORDED), or not again (REPEATED), or not at all because
   * another answer stands (DECLINED); or INVALID. {@code text} is the optional free text.
   */
  public PreferencePage choose(String token, PreferenceAction action, String text, Door via) {
    Instant now = clock.instant();
    Optional<String> taskId = links.taskOf(token);
    if (taskId.isEmpty()) {
      return invalid(null, action.code(), via, now);
    }
    String freeText = PreferenceRules.cleanText(text, maxTextLength);
    PreferencePage page = transaction.execute(status -> {
      Optional<WorklistItem> task = worklist.lock(taskId.get()).filter(this::open);
      if (task.isEmpty()) {
        return invalid(taskId.get(), action.code(), via, now);
      }
      WorklistItem item = task.get();
      List<PreferenceAction> before = audit.recorded(item.taskId());
      PreferenceResult result = PreferenceRules.decide(before, action);
      if (result == PreferenceResult.RECORDED) {
        boolean isNew = outcomes.recordChoice(item, action.outcome(), action.choice(), freeText,
            PreferenceAction.RECORDED_BY, action.feedbackId(item.taskId()));
        if (!isNew) {
          result = PreferenceResult.REPEATED; // the outbox has it already: one record per task and action
        } else {
          updateTask(item, action, now);
        }
      }
      List<PreferenceAction> recorded = result == PreferenceResult.RECORDED
          ? PreferenceRules.with(before, action) : before;
      return finish(item, action.code(), via, result, now, recorded);
    });
    if (page.result() == PreferenceResult.RECORDED) {
      relay.wake();
    }
    return page;
  }

  /**
   * The desk's copy of the task moves as the processor moves its own ({@link CustomerChoices}): "no",
   * a call or a visit, and a free text finish it; "only in writing" keeps it under way (SENT).
   */
  private void updateTask(WorklistItem item, PreferenceAction action, Instant now) {
    boolean done = action.choice() == null || CustomerChoices.taskStateAfter(action.choice()) == TaskState.DONE;
    if (done) {
      worklist.finish(item.taskId(), List.of(TaskStatus.OPEN, TaskStatus.SENT), TaskStatus.DONE,
          action.outcome().name(), null, now);
    } else {
      worklist.finish(item.taskId(), List.of(TaskStatus.OPEN), TaskStatus.SENT, action.outcome().name(), null, now);
    }
  }

  private Optional<WorklistItem> validTask(String token) {
    return links.taskOf(token).flatMap(worklist::find).filter(this::open);
  }

  /** A written task the desk still has, of a customer not erased. */
  private boolean open(WorklistItem item) {
    return WRITTEN.contains(item.channel()) && !keys.erased(item.customerId())
        && !customers.find(item.customerId()).map(CustomerRecord::erased).orElse(false);
  }

  private PreferencePage invalid(String taskId, String action, Door via, Instant now) {
    audit.record(taskId, action, via, PreferenceResult.INVALID, now);
    metrics.count(action, PreferenceResult.INVALID);
    log.info("preference {} via {}: invalid (a token that is expired, altered or unknown, or its task is gone)", action,
        via.code());
    return PreferencePage.invalid();
  }

  private PreferencePage finish(WorklistItem item, String action, Door via, PreferenceResult result, Instant now,
      List<PreferenceAction> recorded) {
    audit.record(item.taskId(), action, via, result, now);
    metrics.count(action, result);
    log.info("preference {} for task {} via {}: {}", action, item.taskId(), via.code(), result.code());
    OpenedTask opened = opener.open(item);
    Optional<CustomerRecord> customer = customers.find(item.customerId());
    return new PreferencePage(result, item.language(),
        PreferenceRules.salutation(opened.personalData().available() ? opened.item().message() : null, item.language()),
        recorded, customer.map(c -> c.consent().getPhone()).orElse(false),
        customer.map(c -> c.consent().getVisit()).orElse(false));
  }
}
