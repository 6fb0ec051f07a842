package io.winback.desk.web;

import io.winback.desk.DeskProperties;
import io.winback.desk.tasks.TaskActions;
import io.winback.desk.tasks.TaskProblem;
import io.winback.events.Channel;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.winback.desk.people.People;
import io.winback.desk.preferences.PreferenceUrls;
import io.winback.desk.privacy.TaskOpener;
import io.winback.desk.security.CurrentUsers;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The printable letter of a LETTER task. */
@Controller
public class LetterController {

  private final TaskActions actions;
  private final People people;
  private final CurrentUsers users;
  private final DeskClock clock;
  private final String sender;
  private final MessageSource messages;
  private final TaskOpener opener;
  private final PreferenceUrls preferences;

  public LetterController(TaskActions actions, People people, CurrentUsers users, DeskClock clock,
      DeskProperties properties, MessageSource messages, TaskOpener opener, PreferenceUrls preferences,
      @Value("${winback.desk.letter-sender:}") String letterSender) {
    this.actions = actions;
    this.preferences = preferences;
    this.opener = opener;
    this.users = users;
    this.people = people;
    this.clock = clock;
    this.messages = messages;
    this.sender = letterSender.isBlank() ? senderName(properties.mailFrom()) : letterSender;
  }

  @GetMapping("/worklist/tasks/{taskId}/letter.pdf")
  ResponseEntity<byte[]> letter(@PathVariable String taskId, Authentication user) {
    // Opened for this PDF only: the address and text of a sealed task never reach the database opened.
    TaskView task = TaskView.of(opener.open(actions.task(taskId, users.of(user))), clock, people);
    if (task.channel() != Channel.LETTER || !task.customer().hasAddress()) {
      // Only letters have one; and without an address (erased, or its key not here yet) there is nothing to post.
      throw new TaskProblem.NotFound(taskId);
    }
    PreferenceUrls.Links links = preferences.forTask(task.taskId());
    byte[] pdf = LetterPdf.render(task, sender, clock.today(),
        new LetterPdf.PreferenceLink(preferences.line(links, task.language()), links.page()));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename("letter-" + task.taskId() + ".pdf").build().toString())
        .body(pdf);
  }

  @ExceptionHandler(TaskProblem.NotFound.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(Model model) {
    model.addAttribute("detail", messages.getMessage("problem.noLetter", null, LocaleContextHolder.getLocale()));
    model.addAttribute("status", HttpStatus.NOT_FOUND.value());
    return "error";
  }

  /** "Winback Kundenservice <kundenservice@...>" → "Winback Kundenservice". */
  static String senderName(String mailFrom) {
    try {
      InternetAddress address = new InternetAddress(mailFrom);
      return address.getPersonal() != null ? address.getPersonal() : address.getAddress();
    } catch (AddressException e) {
      return mailFrom;
    }
  }
}
