package io.winback.desk.web;

import io.winback.desk.worklist.WorklistRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The emails the desk handed to the SMTP server, newest first. */
@Controller
public class OutboxController {

  static final int LIMIT = 200;

  private final WorklistRepository worklist;

  public OutboxController(WorklistRepository worklist) {
    this.worklist = worklist;
  }

  @GetMapping("/outbox")
  String outbox(Model model) {
    model.addAttribute("emails", worklist.outbox(LIMIT));
    model.addAttribute("limit", LIMIT);
    return "outbox";
  }
}
