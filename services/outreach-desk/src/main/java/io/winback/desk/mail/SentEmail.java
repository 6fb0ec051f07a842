package io.winback.desk.mail;

import java.time.Instant;

/**
 * An email an SMTP server accepted, and which desk replica sent it. {@code resentInDoubt}: the attempt before ended in a crash, so
 * the customer may have received it twice (with the same Message-ID).
 */
public record SentEmail(String taskId, String messageId, String recipient, String subject, String language,
    Instant sentAt, String sentBy, boolean resentInDoubt) {

  /** Sent for a sealed task: address and subject are in the task's seal, not here. */
  public boolean sealed() {
    return SentEmailRepository.SEALED.equals(recipient);
  }

  public SentEmail withRecipient(String address, String subjectLine) {
    return new SentEmail(taskId, messageId, address, subjectLine, language, sentAt, sentBy, resentInDoubt);
  }
}
