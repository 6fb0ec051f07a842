package io.winback.desk.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * On the embedded setup no SMTP server is configured (no spring.mail.host): the desk then runs a
 * local SMTP sink (GreenMail) and sends to it, so every email can be seen on the outbox page and
 * nothing leaves the machine. Setting spring.mail.host switches to the real server.
 */
@Configuration
@ConditionalOnProperty(prefix = "spring.mail", name = "host", havingValue = "embedded", matchIfMissing = true)
class EmbeddedSmtp {

  @Bean(destroyMethod = "stop")
  GreenMail embeddedSmtpServer(@Value("${winback.desk.embedded-smtp-port:3025}") int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @Bean
  JavaMailSender embeddedMailSender(GreenMail embeddedSmtpServer) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(embeddedSmtpServer.getSmtp().getPort());
    sender.setDefaultEncoding("UTF-8");
    return sender;
  }
}
