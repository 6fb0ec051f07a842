package io.winback.desk.mail;

import io.winback.desk.DeskProperties;
import io.winback.desk.InstanceId;
import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.metrics.DeskMetrics;
import io.winback.desk.privacy.CustomerKeys;
import io.winback.desk.privacy.OpenedTask;
import io.winback.desk.privacy.PersonalData;
import io.winback.desk.privacy.TaskOpener;
import io.winback.desk.tasks.Outcomes;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Outcome;
import io.winback.schemas.rules.QuietHours;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each email task at its due time, once, from whichever replica gets to it first.
 *
 * <p>Per task, in one database transaction that holds the task's row lock for the whole SMTP
 * conversation (other replicas skip it; a replica that dies releases it with its connection):
 * consent is checked against the desk's current CRM data, and the customer's quiet hours at this
 * moment; the attempt is recorded and committed on its own (see {@link EmailAttempts}); the mail is
 * handed to the server; and the result (SENT, or DELIVERY_FAILED, or the next try) is recorded
 * together with its outcome in the outbox.
 *
 * <p>A task whose personal fields are sealed is opened with the customer's key right before it is
 * sent, and only then: an erased customer's task is recorded SUPPRESSED (erased) instead; a key the
 * desk's ring has not seen yet makes the mail wait (it was written with the task and follows); a seal
 * that does not open, or a key that never comes, is DELIVERY_FAILED. Sent emails of sealed tasks are
 * recorded without address and subject: the outbox page opens them from the task.
 *
 * <p>The guarantee: a task gets one mail. Only when an attempt ended without a result (the desk
 * crashed, or the server's answer never came) is it sent once more, with the same Message-ID, and
 * counted; after a second such attempt it is presumed sent and never sent a third time.
 */
@Component
public class EmailScheduler {

  static final String MAILER = "outreach-desk/mailer";
  static final String PRESUMED_SENT = "presumed sent: two attempts ended without the server's answer";
  static final String UNREADABLE = "the task's sealed personal fields do not open with the customer's key";
  static final String NO_KEY = "the customer's key for the task's sealed personal fields never arrived";
  private static final Logger log = LoggerFactory.getLogger(EmailScheduler.class);
  /** How often a due email whose consent is not known yet is looked at again. */
  private static final Duration CONSENT_RECHECK = Duration.ofSeconds(2);
  private static final int BATCH = 200;

  private final WorklistRepository worklist;
  private final EmailAttempts attempts;
  private final SentEmailRepository sentEmails;
  private final Mailer mailer;
  private final Outcomes outcomes;
  private final Suppression suppression;
  private final ConsentCheck consent;
  private final TaskOpener opener;
  private final CustomerKeys keys;
  private final QuietHours quietHours;
  private final DeskMetrics metrics;
  private final DeskProperties properties;
  private final TransactionTemplate transaction;
  private final String sender;
  private final ZoneId deskZone;
  private final Clock clock;

  public EmailScheduler(WorklistRepository worklist, EmailAttempts attempts, SentEmailRepository sentEmails,
      Mailer mailer, Outcomes outcomes, Suppression suppression, ConsentCheck consent, TaskOpener opener,
      CustomerKeys keys, QuietHours quietHours, DeskMetrics metrics, DeskProperties properties,
      PlatformTransactionManager transactions, InstanceId instance, Clock clock) {
    this.worklist = worklist;
    this.attempts = attempts;
    this.sentEmails = sentEmails;
    this.mailer = mailer;
    this.outcomes = outcomes;
    this.suppression = suppression;
    this.consent = consent;
    this.opener = opener;
    this.keys = keys;
    this.quietHours = quietHours;
    this.metrics = metrics;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.sender = instance.value();
    this.deskZone = properties.displayZone();
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${winback.desk.send-interval:2s}", initialDelayString = "2s")
  public void sendDue() {
    try {
      for (int sent = 0; sent < BATCH && sendNext(); sent++) {
        // one due task per transaction, until none is left or the batch is done
      }
    } catch (RuntimeException e) {
      // The database is away: every task stays as it was and is looked at again next round.
      log.warn("email round stopped: {}", Redacted.of(e.getMessage()));
    }
  }

  /** Handles the next due email no other replica is working on; false when there is none. */
  boolean sendNext() {
    return Boolean.TRUE.equals(transaction.execute(status -> worklist.lockNextDueEmail(clock.instant())
        .map(item -> {
          handle(item);
          return true;
        }).orElse(false)));
  }

  private void handle(WorklistItem stored) {
    Instant now = clock.instant();
    OpenedTask opened = opener.open(stored);
    WorklistItem item = opened.item();
    // An erased customer (the CRM, or the key ring) is refused here: SUPPRESSED, "erased", nothing sent.
    ConsentVerdict verdict = consent.check(item);
    if (verdict.refused()) {
      suppression.suppress(item, verdict.reason());
      return;
    }
    if (!verdict.allowed()) {
      if (ConsentVerdict.NO_CONSENT_DATA.equals(verdict.reason())
          && item.createdAt().plus(properties.consentWait()).isBefore(now)) {
        suppression.suppress(item, ConsentVerdict.NO_CONSENT_DATA);
      } else {
        worklist.postpone(item.taskId(), now.plus(CONSENT_RECHECK), now);
      }
      return;
    }
    // Due dates avoid the night, but a send delayed by an outage may reach it: then it waits.
    ZonedDateTime local = now.atZone(consent.zoneOf(item.customerId(), deskZone));
    if (quietHours.isQuiet(local)) {
      Instant morning = quietHours.earliestAllowedFrom(local).toInstant();
      worklist.postpone(item.taskId(), morning, now);
      log.info("email task {} waits for the end of the customer's quiet hours, until {}", item.taskId(), morning);
      return;
    }
    if (opened.personalData() == PersonalData.UNREADABLE) {
      deliveryFailed(item, UNREADABLE);
      return;
    }
    if (opened.personalData() == PersonalData.PENDING_KEY) {
      if (keys.noKeyFor(item.customerId(), item.createdAt())) {
        deliveryFailed(item, NO_KEY);
      } else {
        worklist.postpone(item.taskId(), now.plus(CONSENT_RECHECK), now);
      }
      return;
    }
    Optional<EmailAttempts.Attempt> unfinished = attempts.unfinished(item.taskId());
    int inDoubt = unfinished.map(attempt -> attempt.inDoubt() + 1).orElse(0);
    if (inDoubt >= 2) {
      recordSent(item, opened.personalData() == PersonalData.OPENED ? SentEmailRepository.SEALED : "(unknown)", true,
          PRESUMED_SENT);
      log.warn("email task {}: {}", item.taskId(), PRESUMED_SENT);
      return;
    }
    attempts.begin(item.taskId(), sender, inDoubt, now);
    worklist.countSendAttempt(item.taskId(), now);
    try {
      String to = mailer.send(item);
      recordSent(item, opened.personalData() == PersonalData.OPENED ? SentEmailRepository.SEALED : to, inDoubt > 0,
          null);
      log.info("email task {} of case {} sent{}", item.taskId(), item.caseId(),
          inDoubt > 0 ? " again: the attempt before ended without a result" : "");
    } catch (MessagingException | MailException e) {
      failed(item, e, now);
    }
  }

  private void recordSent(WorklistItem item, String recipient, boolean resentInDoubt, String reason) {
    Instant now = clock.instant();
    worklist.markSent(item.taskId(), now);
    // A sealed task's address and subject stay in its seal; the outbox page opens them from there.
    String subject = SentEmailRepository.SEALED.equals(recipient) ? null : item.subject();
    sentEmails.record(new SentEmail(item.taskId(), Mailer.messageId(item.taskId()), recipient, subject,
        item.language(), now, sender, resentInDoubt));
    attempts.finish(item.taskId());
    outcomes.record(item, Outcome.SENT, MAILER, reason);
    metrics.emailSent(resentInDoubt);
  }

  private void failed(WorklistItem item, Exception error, Instant now) {
    String summary = Redacted.of(error.getMessage());
    if (permanent(error)) {
      deliveryFailed(item, "the SMTP server refused the message: " + summary);
      return;
    }
    Instant firstTry = item.firstSendAt() == null ? now : item.firstSendAt();
    if (!firstTry.plus(properties.giveUpAfter()).isAfter(now)) {
      deliveryFailed(item, "no SMTP server took the message within " + properties.giveUpAfter() + ": " + summary);
      return;
    }
    if (!answerLost(error)) {
      attempts.finish(item.taskId()); // the server never had the message: the next try is no repeat
    }
    Instant next = now.plus(backoff(item.sendAttempts(), properties.retryInitial(), properties.retryMax()));
    worklist.markRetry(item.taskId(), next, summary, now);
    log.warn("email task {} not sent (attempt {}), next try at {}: {}", item.taskId(), item.sendAttempts() + 1,
        next, summary);
  }

  private void deliveryFailed(WorklistItem item, String reason) {
    worklist.finish(item.taskId(), List.of(TaskStatus.OPEN), TaskStatus.FAILED, Outcome.DELIVERY_FAILED.name(),
        reason, clock.instant());
    attempts.finish(item.taskId());
    outcomes.record(item, Outcome.DELIVERY_FAILED, MAILER, reason);
    metrics.emailFailed();
    log.warn("email task {} cannot be delivered: {}", item.taskId(), reason);
  }

  /** The pause after {@code attemptsSoFar} failed tries: doubling from {@code initial}, at most {@code max}. */
  static Duration backoff(int attemptsSoFar, Duration initial, Duration max) {
    Duration wait = initial.multipliedBy(1L << Math.min(Math.max(attemptsSoFar, 0), 16));
    return wait.compareTo(max) > 0 ? max : wait;
  }

  /**
   * The server may have taken the message although no answer came: a read timeout once connected.
   * A refused or timed-out connection, or an SMTP reply, means it did not.
   */
  static boolean answerLost(Exception error) {
    boolean timedOut = false;
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof MailConnectException || cause instanceof java.net.ConnectException) {
        return false;
      }
      timedOut |= cause instanceof SocketTimeoutException;
    }
    if (!timedOut && error instanceof org.springframework.mail.MailSendException send) {
      return send.getFailedMessages().values().stream().anyMatch(EmailScheduler::answerLost);
    }
    return timedOut;
  }

  /** 5xx answers and bad addresses will not get better; connection problems and 4xx will. */
  static boolean permanent(Exception error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof Mailer.PermanentDeliveryFailure || cause instanceof AddressException) {
        return true;
      }
      if (cause instanceof SMTPAddressFailedException failed) {
        return failed.getReturnCode() >= 500;
      }
      if (cause instanceof SMTPSendFailedException failed) {
        return failed.getReturnCode() >= 500;
      }
      if (cause instanceof SendFailedException failed && failed.getNextException() instanceof SMTPAddressFailedException address) {
        return address.getReturnCode() >= 500;
      }
      if (cause instanceof MailException mail && mail.getCause() == cause) {
        break;
      }
      if (error instanceof org.springframework.mail.MailSendException send) {
        for (Exception failure : send.getFailedMessages().values()) {
          if (failure != cause && permanent(failure)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
