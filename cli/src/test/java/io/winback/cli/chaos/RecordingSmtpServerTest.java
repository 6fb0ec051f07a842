package io.winback.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recorder as the desk meets it: Jakarta Mail's SMTP client, the desk's Message-IDs. */
class RecordingSmtpServerTest {

  private final RecordingSmtpServer server = RecordingSmtpServer.start(ChaosStack.freePort());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyCopyOfAMailIsRecordedByItsMessageIdAndNothingElseIsKept() throws Exception {
    send("<task-1@winback.local>");
    send("<task-2@winback.local>");
    send("<task-1@winback.local>");

    assertThat(server.received()).containsOnlyKeys("<task-1@winback.local>", "<task-2@winback.local>");
    assertThat(server.received().get("<task-1@winback.local>")).hasSize(2)
        .allSatisfy(copy -> assertThat(copy.receivedAt()).isGreaterThanOrEqualTo(copy.connectedAt()));
    assertThat(server.total()).isEqualTo(3);
  }

  @Test
  void whileItIsDownConnectionsAreRefusedAndAfterwardsItTakesMailAgainOnTheSamePort() throws Exception {
    server.goDown();

    assertThatThrownBy(() -> send("<task-3@winback.local>")).isInstanceOf(MessagingException.class);

    server.comeBack();
    send("<task-3@winback.local>");
    assertThat(server.received()).containsOnlyKeys("<task-3@winback.local>");
  }

  private void send(String messageId) throws MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(server.port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress("kundenservice@winback.example"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("kunde@example.org"));
    message.setSubject("Schade, dass Sie gehen", StandardCharsets.UTF_8.name());
    message.setText("Grüße\n.\nmit einem Punkt allein auf einer Zeile", StandardCharsets.UTF_8.name());
    Transport.send(message);
  }
}
