package io.winback.monitor.web;

import io.winback.security.Logins;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page, and where logout lands. Spring Security handles the login itself: single sign-on
 * at the provider, or on the embedded setup the form's POST.
 */
@Controller
class LoginController {

  private final Logins logins;
  private final boolean singleSignOn;

  LoginController(Logins logins, ObjectProvider<ClientRegistrationRepository> clients) {
    this.logins = logins;
    this.singleSignOn = clients.getIfAvailable() != null;
  }

  @GetMapping("/login")
  String login(Model model) {
    model.addAttribute("localUsers", logins.embedded());
    model.addAttribute("singleSignOn", singleSignOn);
    model.addAttribute("singleSignOnUrl", "/oauth2/authorization/" + Logins.REGISTRATION_ID);
    return "login";
  }

  /** After logout, at the provider too: a page that needs nothing, so it does not log anyone in again. */
  @GetMapping("/logged-out")
  String loggedOut() {
    return "logged-out";
  }
}
