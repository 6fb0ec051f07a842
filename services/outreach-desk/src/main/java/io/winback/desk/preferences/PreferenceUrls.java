package io.winback.desk.preferences;

import java.time.Clock;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The addresses a written contact carries for its task: the preference page, the one-click
 * unsubscribe and the mailto unsubscribe, each with a fresh token valid for
 * {@code winback.desk.preferences.token-lifetime} from now.
 */
@Component
public class PreferenceUrls {

  /** The path every public address lies under (and the only one the public Ingress routes). */
  public static final String PREFIX = "/p/";
  public static final String UNSUBSCRIBE = "/unsubscribe";
  /** The subject of a mailto unsubscribe: this and the token. */
  public static final String MAIL_SUBJECT = "unsubscribe-";

  /** One task's links. {@code mailto} is null when no inbound mailbox address is configured. */
  public record Links(String token, String page, String unsubscribe, String mailto) {

    /** RFC 2369's List-Unsubscribe: the https link first (RFC 8058 one-click), then the mailto. */
    public String listUnsubscribe() {
      return "<" + unsubscribe + ">" + (mailto == null ? "" : ", <" + mailto + ">");
    }
  }

  private final PreferenceLinks links;
  private final PreferenceSettings settings;
  private final MessageSource messages;
  private final Clock clock;
  private final String base;

  public PreferenceUrls(PreferenceLinks links, PreferenceSettings settings, MessageSource messages, Clock clock) {
    this.links = links;
    this.settings = settings;
    this.messages = messages;
    this.clock = clock;
    String url = settings.publicBaseUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public Links forTask(String taskId) {
    String token = links.token(taskId, clock.instant().plus(settings.tokenLifetime()));
    String page = base + PREFIX + token;
    String mailto = settings.mailtoAddress() == null ? null
        : "mailto:" + settings.mailtoAddress() + "?subject=" + MAIL_SUBJECT + token;
    return new Links(token, page, page + UNSUBSCRIBE, mailto);
  }

  /**
   * The line every written contact ends with, in the task's language (de, en): "You decide whether
   * and how we get in touch:" and the page's address.
   */
  public String line(Links links, String language) {
    return messages.getMessage("pref.link.line", new Object[] {links.page()},
        "en".equals(language) ? Locale.ENGLISH : Locale.GERMAN);
  }
}
