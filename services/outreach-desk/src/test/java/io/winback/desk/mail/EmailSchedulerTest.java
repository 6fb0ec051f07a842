package io.winback.desk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.winback.desk.ProcessorProcess;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Which SMTP failures are worth another try, and how long the desk waits between tries. */
class EmailSchedulerTest {

  // ---- permanent(...) ---------------------------------------------------------------------

  @Test
  void aTaskWithoutAnAddressOrWithAMalformedOneIsPermanent() {
    assertThat(EmailScheduler.permanent(new Mailer.PermanentDeliveryFailure("the task has no email address"))).isTrue();
    assertThat(EmailScheduler.permanent(new AddressException("Missing final '@domain'", "anna.schmidt"))).isTrue();
    assertThat(EmailScheduler.permanent(new MailSendException("could not prepare",
        new AddressException("Illegal address", "a b@example.org")))).isTrue();
  }

  @Test
  void a5xxAnswerIsPermanentAnd4xxIsNot() throws Exception {
    assertThat(EmailScheduler.permanent(rejectedRecipient(550))).isTrue();
    assertThat(EmailScheduler.permanent(rejectedRecipient(450))).isFalse();
    assertThat(EmailScheduler.permanent(rejectedMessage(554))).isTrue();
    assertThat(EmailScheduler.permanent(rejectedMessage(452))).isFalse();
    // What Angus Mail throws for a refused RCPT: "Invalid Addresses", the SMTP answer chained next.
    assertThat(EmailScheduler.permanent(new SendFailedException("Invalid Addresses", rejectedRecipient(550))))
        .isTrue();
    assertThat(EmailScheduler.permanent(new SendFailedException("Invalid Addresses", rejectedRecipient(421))))
        .isFalse();
  }

  @Test
  void springsMailSendExceptionIsJudgedByTheFailuresOfItsMessages() throws Exception {
    SendFailedException invalid = new SendFailedException("Invalid Addresses", rejectedRecipient(550));
    assertThat(EmailScheduler.permanent(new MailSendException(Map.of("message", invalid)))).isTrue();
    assertThat(EmailScheduler.permanent(new MailSendException("Failed messages", invalid, Map.of("message", invalid))))
        .isTrue();

    MessagingException busy = rejectedMessage(451);
    assertThat(EmailScheduler.permanent(new MailSendException(Map.of("message", busy)))).isFalse();
  }

  @Test
  void aServerThatIsDownOrRefusesTheLoginIsWorthAnotherTry() {
    MessagingException refused = new MessagingException("Couldn't connect to host, port: 127.0.0.1, 3025",
        new ConnectException("Connection refused"));
    assertThat(EmailScheduler.permanent(refused)).isFalse();
    assertThat(EmailScheduler.permanent(new MailSendException("Mail server connection failed", refused,
        Map.of("message", refused)))).isFalse();
    assertThat(EmailScheduler.permanent(new MailAuthenticationException("535 authentication failed"))).isFalse();
  }

  @Test
  void whatJavaMailSenderThrowsWhenNoServerListensIsTemporary() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(ProcessorProcess.freePort());
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("kundenservice@winback.example");
    message.setTo("anna.schmidt@example.org");
    message.setText("Hallo");

    MailSendException failure = catchThrowableOfType(MailSendException.class, () -> sender.send(message));

    assertThat(failure).isNotNull();
    assertThat(EmailScheduler.permanent(failure)).isFalse();
  }

  // ---- answerLost(...) -------------------------------------------------------------------

  @Test
  void aReadTimeoutOnceConnectedMayHaveDeliveredTheMessage() {
    MessagingException silent = new MessagingException("Exception reading response",
        new java.net.SocketTimeoutException("Read timed out"));
    assertThat(EmailScheduler.answerLost(silent)).isTrue();
    assertThat(EmailScheduler.answerLost(new MailSendException("Failed messages", silent,
        Map.of("message", silent)))).isTrue();
  }

  @Test
  void aConnectionThatNeverCameOrAnSmtpAnswerDeliveredNothing() throws Exception {
    assertThat(EmailScheduler.answerLost(new org.eclipse.angus.mail.util.MailConnectException(
        new org.eclipse.angus.mail.util.SocketConnectException("connect timed out",
            new java.net.SocketTimeoutException("connect timed out"), "127.0.0.1", 25, 2000)))).isFalse();
    assertThat(EmailScheduler.answerLost(new MessagingException("Couldn't connect to host",
        new ConnectException("Connection refused")))).isFalse();
    assertThat(EmailScheduler.answerLost(rejectedMessage(451))).isFalse();
  }

  // ---- backoff(...) -----------------------------------------------------------------------

  @Test
  void theWaitDoublesFromRetryInitialUpToRetryMax() {
    var backoff = scheduler(Duration.ofSeconds(2), Duration.ofMinutes(5));

    assertThat(List.of(0, 1, 2, 3, 7).stream().map(backoff::apply)).containsExactly(
        Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(256));
    assertThat(backoff.apply(8)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.apply(16)).isEqualTo(Duration.ofMinutes(5));
    // However long the server stays away, the doubling cannot overflow.
    assertThat(backoff.apply(1_000)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.apply(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theTestSettingsRetryWithinSeconds() {
    var backoff = scheduler(Duration.ofMillis(500), Duration.ofSeconds(2));

    assertThat(List.of(0, 1, 2, 3, 50).stream().map(backoff::apply)).containsExactly(
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** The back-off with these settings, as a function of the attempts so far. */
  private static java.util.function.IntFunction<Duration> scheduler(Duration retryInitial, Duration retryMax) {
    return attempts -> EmailScheduler.backoff(attempts, retryInitial, retryMax);
  }

  private static SMTPAddressFailedException rejectedRecipient(int code) throws AddressException {
    return new SMTPAddressFailedException(new InternetAddress("anna.schmidt@example.org"),
        "RCPT TO:<anna.schmidt@example.org>", code, code + " mailbox unavailable");
  }

  private static SMTPSendFailedException rejectedMessage(int code) {
    return new SMTPSendFailedException("DATA", code, code + " message refused", null, new Address[0],
        new Address[0], new Address[0]);
  }
}
