package io.winback.desk.web;

import io.winback.desk.people.People;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's header needs: who is logged in, and links to this page in the other language. */
@ControllerAdvice(assignableTypes = {LoginController.class, WorklistController.class, OutboxController.class,
    ReportsController.class})
class PageModel {

  private final People people;

  PageModel(People people) {
    this.people = people;
  }

  @ModelAttribute
  void header(HttpServletRequest request, org.springframework.ui.Model model) {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    boolean loggedIn = user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
    model.addAttribute("currentUser", loggedIn ? user.getName() : null);
    model.addAttribute("currentUserName", loggedIn ? people.name(user.getName()) : null);
    model.addAttribute("lead", loggedIn && WorklistController.isLead(user));
    model.addAttribute("langDe", sameWithLanguage(request, "de"));
    model.addAttribute("langEn", sameWithLanguage(request, "en"));
  }

  /** This page's path and query with lang=..., for the language switch. */
  static String sameWithLanguage(HttpServletRequest request, String language) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(request.getRequestURI());
    for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
      if (!param.getKey().equals("lang") && !param.getKey().equals("_csrf") && "GET".equals(request.getMethod())) {
        uri.queryParam(param.getKey(), (Object[]) param.getValue());
      }
    }
    return uri.queryParam("lang", language).encode().build().toUriString();
  }
}
