package io.winback.desk.worklist;

import java.time.Instant;

/** An email the desk handed to the SMTP server. */
public record OutboxEntry(String taskId, String messageId, String recipient, String subject, String language,
    Instant sentAt) {}
