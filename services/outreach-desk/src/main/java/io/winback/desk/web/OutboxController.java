package io.winback.desk.web;

import io.winback.desk.mail.SentEmailRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The emails the desk handed to the SMTP server, newest first. */
@Controller
public class OutboxController {

  static final int LIMIT = 200;

  private final SentEmailRepository sentEmails;

  public OutboxController(SentEmailRepository sentEmails) {
    this.sentEmails = sentEmails;
  }

  @GetMapping("/outbox")
  String outbox(Model model) {
    model.addAttribute("emails", sentEmails.newest(LIMIT));
    model.addAttribute("limit", LIMIT);
    return "outbox";
  }
}
