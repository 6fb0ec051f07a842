package io.winback.desk.preferences;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mailto unsubscribe: reads the inbound mailbox ({@code winback.desk.preferences.mailbox.*},
 * IMAP or POP3) every {@code poll-interval} and handles each unread mail whose subject carries
 * {@code unsubscribe-{token}} exactly like the one-click POST (DO_NOT_CONTACT with NO_CONTACT).
 * One replica reads at a time (an advisory lock). A handled mail is deleted only after its choice
 * is committed, so a crash in between reads it again (REPEATED, nothing new); a mail whose token
 * does not work is marked read and left for people to look at, as is every other mail. Nothing of
 * a mail (its sender, its text) is logged or stored.
 */
@Component
class UnsubscribeMailbox {

  private static final Logger log = LoggerFactory.getLogger(UnsubscribeMailbox.class);
  private static final long MAILBOX_LOCK = 0x57_42_50_52_45_46_4dL; // "WBPREFM"
  private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PreferenceUrls.MAIL_SUBJECT) + "([A-Za-z0-9_-]{8,512})");

  private final PreferenceSettings.Mailbox mailbox;
  private final PreferenceService preferences;
  private final JdbcClient db;
  private final TransactionTemplate transaction;

  UnsubscribeMailbox(PreferenceSettings settings, PreferenceService preferences, JdbcClient db,
      PlatformTransactionManager transactions) {
    this.mailbox = settings.mailbox();
    this.preferences = preferences;
    this.db = db;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(fixedDelayString = "${winback.desk.preferences.mailbox.poll-interval:1m}", initialDelayString = "5s")
  void scheduled() {
    if (!mailbox.configured()) {
      return;
    }
    try {
      int handled = poll();
      if (handled > 0) {
        log.info("mailto unsubscribe: {} mail(s) handled", handled);
      }
    } catch (MessagingException | RuntimeException e) {
      // The mailbox or the database is away: the mails stay and are read next round.
      log.warn("mailto unsubscribe: the mailbox could not be read this round: {}", e.getClass().getSimpleName());
    }
  }

  /** One round; returns how many unsubscribe mails were handled (recorded, or recorded before). */
  int poll() throws MessagingException {
    Session session = Session.getInstance(new Properties());
    Store store = session.getStore(mailbox.protocol());
    store.connect(mailbox.host(), mailbox.port() > 0 ? mailbox.port() : -1, mailbox.username(), mailbox.password());
    try {
      Folder folder = store.getFolder(mailbox.folder());
      folder.open(Folder.READ_WRITE);
      List<Message> handled = new ArrayList<>();
      try {
        Message[] unread = folder.search(new AndTerm(new SubjectTerm(PreferenceUrls.MAIL_SUBJECT),
            new FlagTerm(new Flags(Flags.Flag.SEEN), false)));
        List<Message> done = transaction.execute(status -> {
          Boolean reader = db.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", MAILBOX_LOCK)
              .query(Boolean.class).single();
          return Boolean.TRUE.equals(reader) ? handle(unread) : List.<Message>of();
        });
        handled.addAll(done == null ? List.of() : done);
        // Committed: now the mails may go.
        for (Message message : handled) {
          message.setFlag(Flags.Flag.DELETED, true);
        }
      } finally {
        folder.close(true);
      }
      return handled.size();
    } finally {
      store.close();
    }
  }

  private List<Message> handle(Message[] unread) {
    List<Message> handled = new ArrayList<>();
    for (Message message : unread) {
      try {
        Matcher token = TOKEN.matcher(String.valueOf(message.getSubject()));
        boolean found = token.find();
        if (found && !preferences.admit(token.group(1), null, PreferenceAction.NO_CONTACT.code())) {
          continue; // throttled: stays unread, tried again next round
        }
        PreferencePage page = found ? preferences.choose(token.group(1), PreferenceAction.NO_CONTACT, null, Door.MAIL)
            : null;
        if (page != null && page.valid()) {
          handled.add(message);
        } else {
          message.setFlag(Flags.Flag.SEEN, true); // not ours to act on: left for people, not read again
        }
      } catch (MessagingException unreadable) {
        log.warn("mailto unsubscribe: a mail could not be read: {}", unreadable.getClass().getSimpleName());
      }
    }
    return handled;
  }
}
