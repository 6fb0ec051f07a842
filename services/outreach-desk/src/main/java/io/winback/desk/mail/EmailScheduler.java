package io.winback.desk.mail;

import io.winback.desk.DeskProperties;
import io.winback.desk.tasks.Outcomes;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends each email task at its due time, once. The outbox row written right after the SMTP server
 * accepted the message is the proof it went out: a task with one is never sent again, also after a
 * crash. A temporary failure (server down) is retried with growing pauses; a permanent one is
 * recorded as DELIVERY_FAILED.
 */
@Component
public class EmailScheduler {

  private static final Logger log = LoggerFactory.getLogger(EmailScheduler.class);
  private static final String MAILER = "outreach-desk/mailer";

  private final WorklistRepository worklist;
  private final Mailer mailer;
  private final Outcomes outcomes;
  private final Suppression suppression;
  private final DeskProperties properties;
  private final Clock clock;

  public EmailScheduler(WorklistRepository worklist, Mailer mailer, Outcomes outcomes, Suppression suppression,
      DeskProperties properties, Clock clock) {
    this.worklist = worklist;
    this.mailer = mailer;
    this.outcomes = outcomes;
    this.suppression = suppression;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${winback.desk.send-interval:2s}", initialDelayString = "2s")
  public void sendDue() {
    List<WorklistItem> due = worklist.dueEmails(clock.instant(), 50);
    for (WorklistItem item : due) {
      try {
        send(item);
      } catch (RuntimeException e) {
        // Kafka or the database: the task stays due and is tried again next round.
        log.warn("could not finish email task {}: {}", item.taskId(), Redacted.of(e.getMessage()));
      }
    }
  }

  private void send(WorklistItem item) {
    if (!worklist.wasSent(item.taskId())) {
      if (!worklist.mayContact(item.customerId(), Channel.EMAIL)) {
        suppression.suppress(item);
        return;
      }
      try {
        String to = mailer.send(item);
        worklist.recordSent(item.taskId(), Mailer.messageId(item.taskId()), to, item.subject(), item.language(),
            clock.instant());
        log.info("email task {} of case {} sent", item.taskId(), item.caseId());
      } catch (MessagingException | MailException e) {
        if (permanent(e)) {
          worklist.finish(item.taskId(), List.of(TaskStatus.OPEN), TaskStatus.FAILED, Outcome.DELIVERY_FAILED.name(),
              clock.instant());
          outcomes.publish(item, Outcome.DELIVERY_FAILED, MAILER, "fb-failed-" + item.taskId(), null, null, null);
          log.warn("email task {} cannot be delivered: {}", item.taskId(), Redacted.of(e.getMessage()));
        } else {
          Instant next = clock.instant().plus(backoff(item.sendAttempts()));
          worklist.markRetry(item.taskId(), next, e.getMessage(), clock.instant());
          log.warn("email task {} not sent (attempt {}), next try at {}: {}", item.taskId(), item.sendAttempts() + 1,
              next, Redacted.of(e.getMessage()));
        }
        return;
      }
    }
    // Sent (now or before a crash): tell the processor, with a stable id so a repeat is applied once.
    outcomes.publish(item, Outcome.SENT, MAILER, "fb-sent-" + item.taskId(), null, null, null);
    worklist.markSent(item.taskId(), clock.instant());
  }

  Duration backoff(int attemptsSoFar) {
    Duration wait = properties.retryInitial().multipliedBy(1L << Math.min(attemptsSoFar, 16));
    return wait.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : wait;
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
