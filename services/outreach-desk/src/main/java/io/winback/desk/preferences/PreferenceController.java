package io.winback.desk.preferences;

import io.winback.desk.DeskProperties;
import io.winback.desk.web.DeskLocales;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The desk's only public door (/p/**, no login; see SecurityConfig): the customer's preference page
 * and the one-click unsubscribe of RFC 8058. A GET never changes anything (mail scanners open links
 * to look at them); the page's form is CSRF-protected; the one-click POST is not (RFC 8058: the
 * mailbox provider posts {@code List-Unsubscribe=One-Click} without cookies) and sets no cookie.
 * An expired, altered or unknown token, and a task that is gone or of an erased customer, get the
 * same polite page and status, 404, whatever the reason. Too many requests: 429, politely.
 */
@Controller
class PreferenceController {

  static final String ONE_CLICK_BODY = "One-Click";
  private static final String RETRY_AFTER_SECONDS = "60";

  private final PreferenceService preferences;
  private final int maxTextLength;

  PreferenceController(PreferenceService preferences, DeskProperties desk) {
    this.preferences = preferences;
    this.maxTextLength = desk.maxTextLength();
  }

  @GetMapping({"/p/{token}", "/p/{token}/unsubscribe"})
  String page(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
    if (!preferences.admit(token, request.getRemoteAddr(), PreferenceAudit.VIEW)) {
      return busy(response, model);
    }
    return render(preferences.view(token, Door.PAGE), token, request, response, model);
  }

  @PostMapping("/p/{token}")
  String choose(@PathVariable String token, @RequestParam(required = false) String choice,
      @RequestParam(required = false) String text, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    PreferenceAction action = PreferenceAction.ofChoice(choice);
    boolean hasText = text != null && !text.isBlank();
    if (action == null && hasText) {
      action = PreferenceAction.FEEDBACK;
    }
    if (!preferences.admit(token, request.getRemoteAddr(), action == null ? PreferenceAudit.VIEW : action.code())) {
      return busy(response, model);
    }
    if (action == null) {
      // Nothing chosen and nothing written: the page again, with a gentle hint.
      model.addAttribute("nothingChosen", true);
      return render(preferences.view(token, Door.PAGE), token, request, response, model);
    }
    return render(preferences.choose(token, action, text, Door.PAGE), token, request, response, model);
  }

  /**
   * RFC 8058's one-click unsubscribe: the body {@code List-Unsubscribe=One-Click} (as
   * multipart/form-data or application/x-www-form-urlencoded), no login, no CSRF token, no cookie
   * set; 200 once it is recorded (or was before).
   */
  @PostMapping("/p/{token}/unsubscribe")
  String oneClick(@PathVariable String token, @RequestParam(name = "List-Unsubscribe", required = false) String body,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    if (!preferences.admit(token, request.getRemoteAddr(), PreferenceAction.NO_CONTACT.code())) {
      return busy(response, model);
    }
    if (!ONE_CLICK_BODY.equals(body)) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("kind", "bad");
      return "preferences/notice";
    }
    PreferencePage page = preferences.choose(token, PreferenceAction.NO_CONTACT, null, Door.ONE_CLICK);
    if (!page.valid()) {
      return gone(response, model);
    }
    inLanguageOf(page, request);
    model.addAttribute("page", page);
    return "preferences/unsubscribed";
  }

  private String render(PreferencePage page, String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    if (!page.valid()) {
      return gone(response, model);
    }
    inLanguageOf(page, request);
    model.addAttribute("page", page);
    model.addAttribute("token", token);
    model.addAttribute("maxTextLength", maxTextLength);
    model.addAttribute("choices", List.of(PreferenceAction.NO_CONTACT, PreferenceAction.WRITTEN_ONLY,
        PreferenceAction.PHONE, PreferenceAction.IN_PERSON));
    return "preferences/page";
  }

  /** The page speaks the customer's language (the task's), whatever the browser asks for. */
  private static void inLanguageOf(PreferencePage page, HttpServletRequest request) {
    request.setAttribute(DeskLocales.FIXED, "en".equals(page.language()) ? Locale.ENGLISH : Locale.GERMAN);
  }

  private static String gone(HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("kind", "gone");
    return "preferences/notice";
  }

  private static String busy(HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    model.addAttribute("kind", "busy");
    return "preferences/notice";
  }
}
