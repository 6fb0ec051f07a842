package io.winback.desk.web;

import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.privacy.TaskOpener;
import io.winback.desk.worklist.WorklistRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The emails the desk handed to the SMTP server, newest first. */
@Controller
public class OutboxController {

  static final int LIMIT = 200;

  private final SentEmailRepository sentEmails;
  private final WorklistRepository worklist;
  private final TaskOpener opener;

  public OutboxController(SentEmailRepository sentEmails, WorklistRepository worklist, TaskOpener opener) {
    this.sentEmails = sentEmails;
    this.worklist = worklist;
    this.opener = opener;
  }

  /** Address and subject of a sealed task's email are opened from the task, for this page only. */
  @GetMapping("/outbox")
  String outbox(Model model) {
    model.addAttribute("emails", sentEmails.newest(LIMIT).stream()
        .map(email -> email.sealed() ? opener.open(email, worklist.find(email.taskId()).orElse(null)) : email)
        .toList());
    model.addAttribute("limit", LIMIT);
    return "outbox";
  }
}
