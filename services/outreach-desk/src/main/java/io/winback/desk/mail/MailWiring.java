package io.winback.desk.mail;

import io.winback.desk.DeskProperties;
import io.winback.desk.preferences.PreferenceUrls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The mailer, and the check that there is a server behind it: a desk without one would mark mails
 * SENT that nobody received, so without spring.mail.host (and outside the embedded setup, which
 * brings its own sink) the desk refuses to start.
 */
@Configuration
class MailWiring {

  static final String NO_SMTP_SERVER = "The outreach desk has no SMTP server to send email through. Set "
      + "spring.mail.host (SPRING_MAIL_HOST, with SPRING_MAIL_PORT, SPRING_MAIL_USERNAME and SPRING_MAIL_PASSWORD "
      + "as your server needs), or run the embedded setup (./winback up, Spring profile 'embedded'), which brings "
      + "its own SMTP sink.";

  @Bean
  Mailer mailer(ObjectProvider<JavaMailSender> sender, DeskProperties properties, PreferenceUrls preferences) {
    JavaMailSender server = sender.getIfAvailable();
    if (server == null) {
      throw new IllegalStateException(NO_SMTP_SERVER);
    }
    return new Mailer(server, properties, preferences);
  }
}
