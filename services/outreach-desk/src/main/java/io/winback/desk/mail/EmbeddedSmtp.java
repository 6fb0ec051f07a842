package io.winback.desk.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.DeskProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The embedded setup's SMTP sink (GreenMail on 127.0.0.1): every email stays on the machine and
 * shows on the outbox page. Only when the setup asks for it (winback.desk.embedded-smtp, which the
 * {@code embedded} profile of ./winback up sets) and no real server is configured.
 */
@Configuration
@ConditionalOnExpression("${winback.desk.embedded-smtp:false} and '${spring.mail.host:}'.isEmpty()")
class EmbeddedSmtp {

  @Bean(destroyMethod = "stop")
  GreenMail embeddedSmtpServer(DeskProperties properties) {
    GreenMail server = new GreenMail(new ServerSetup(properties.embeddedSmtpPort(), "127.0.0.1",
        ServerSetup.PROTOCOL_SMTP));
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
