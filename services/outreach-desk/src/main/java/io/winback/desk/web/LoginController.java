package io.winback.desk.web;

import io.winback.security.Logins;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login: the identity provider's own page (OpenID Connect), or on the embedded setup the
 * desk's form for its local users (Spring Security handles the POST). And the start page.
 */
@Controller
public class LoginController {

  private final Logins logins;

  public LoginController(Logins logins) {
    this.logins = logins;
  }

  @GetMapping("/login")
  String login() {
    return logins.embedded() ? "login" : "redirect:/oauth2/authorization/" + Logins.REGISTRATION_ID;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/worklist";
  }
}
