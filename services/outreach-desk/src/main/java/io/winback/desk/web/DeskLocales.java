package io.winback.desk.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The desk speaks German and English. Without a choice of their own, people get the first of the
 * two their browser asks for (Accept-Language), English if it asks for neither; {@code ?lang=de}
 * or {@code ?lang=en} switches and is remembered in a cookie. Anything else is mapped to one of
 * the two, so a page is never half in a third language.
 */
public class DeskLocales extends CookieLocaleResolver {

  public static final Locale GERMAN = Locale.GERMAN;
  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final List<Locale> SUPPORTED = List.of(GERMAN, ENGLISH);
  public static final String COOKIE = "winback-lang";
  /**
   * A request attribute (a Locale) that fixes the language of this response whatever the browser or
   * cookie says, and sets no cookie: the customer's preference page speaks the customer's language.
   */
  public static final String FIXED = DeskLocales.class.getName() + ".FIXED";

  public DeskLocales() {
    super(COOKIE);
    setCookieMaxAge(Duration.ofDays(365));
    setCookieHttpOnly(true);
    setCookieSameSite("Lax");
    setDefaultLocaleFunction(DeskLocales::fromBrowser);
  }

  /** The first supported language in the browser's Accept-Language list, else English. */
  static Locale fromBrowser(HttpServletRequest request) {
    if (request.getHeader("Accept-Language") != null) {
      Enumeration<Locale> wanted = request.getLocales();
      while (wanted.hasMoreElements()) {
        Locale supported = supported(wanted.nextElement());
        if (supported != null) {
          return supported;
        }
      }
    }
    return ENGLISH;
  }

  /** de or en for a locale of either language, null for any other. */
  static Locale supported(Locale locale) {
    if (locale == null) {
      return null;
    }
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(null);
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return request.getAttribute(FIXED) instanceof Locale fixed ? fixed : super.resolveLocale(request);
  }

  @Override
  public LocaleContext resolveLocaleContext(HttpServletRequest request) {
    return request.getAttribute(FIXED) instanceof Locale fixed ? new SimpleLocaleContext(fixed)
        : super.resolveLocaleContext(request);
  }

  @Override
  protected Locale parseLocaleValue(String localeValue) {
    Locale parsed = super.parseLocaleValue(localeValue);
    return supported(parsed);
  }

  @Override
  public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext localeContext) {
    Locale wanted = localeContext == null ? null : supported(localeContext.getLocale());
    super.setLocaleContext(request, response, wanted == null ? null : new SimpleLocaleContext(wanted));
  }
}
