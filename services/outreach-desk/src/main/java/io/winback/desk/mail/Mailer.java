package io.winback.desk.mail;

import io.winback.desk.DeskProperties;
import io.winback.desk.preferences.PreferenceUrls;
import io.winback.desk.worklist.WorklistItem;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Turns an email task into a message and hands it to the SMTP server (see {@link MailWiring}).
 * Every message carries the customer's way to say "no" and to choose: RFC 2369's
 * {@code List-Unsubscribe} (the one-click https link, and the mailto where a mailbox is configured),
 * RFC 8058's {@code List-Unsubscribe-Post}, and a last line with the link to the preference page.
 * (RFC 8058 also wants a DKIM signature covering both headers: the operator's relay signs.)
 */
public class Mailer {

  static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private final JavaMailSender sender;
  private final DeskProperties properties;
  private final PreferenceUrls preferences;

  Mailer(JavaMailSender sender, DeskProperties properties, PreferenceUrls preferences) {
    this.sender = sender;
    this.properties = properties;
    this.preferences = preferences;
  }

  /** The Message-ID derives from the taskId, so a receiver can tell a repeat from a new message. */
  public static String messageId(String taskId) {
    return "<" + taskId + "@winback.local>";
  }

  /** Sends the task's email; returns the recipient. */
  public String send(WorklistItem item) throws MessagingException {
    String to = item.contact() == null || item.contact().path("email").isNull()
        ? null : item.contact().path("email").asText(null);
    if (to == null || to.isBlank()) {
      throw new PermanentDeliveryFailure("the task has no email address");
    }
    MimeMessage message = new TaskMessage(session(), messageId(item.taskId()));
    message.setFrom(new InternetAddress(properties.mailFrom(), true));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
    String replyTo = item.contact().path("replyTo").asText(null);
    if (replyTo != null && !replyTo.isBlank() && !"null".equals(replyTo)) {
      message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo, true)});
    }
    message.setSubject(item.subject(), StandardCharsets.UTF_8.name());
    PreferenceUrls.Links links = preferences.forTask(item.taskId());
    message.setText(item.message().stripTrailing() + "\n\n" + preferences.line(links, item.language()) + "\n",
        StandardCharsets.UTF_8.name());
    message.setHeader("Content-Language", item.language());
    message.setHeader("List-Unsubscribe", links.listUnsubscribe());
    message.setHeader("List-Unsubscribe-Post", ONE_CLICK);
    sender.send(message);
    return to;
  }

  private Session session() {
    return sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new java.util.Properties());
  }

  /** A MimeMessage that keeps our Message-ID instead of generating one when it is saved. */
  private static final class TaskMessage extends MimeMessage {
    private final String messageId;

    TaskMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /** The message can never be delivered (no or a malformed address, a permanent SMTP rejection). */
  public static class PermanentDeliveryFailure extends MessagingException {
    public PermanentDeliveryFailure(String message) {
      super(message);
    }
  }
}
