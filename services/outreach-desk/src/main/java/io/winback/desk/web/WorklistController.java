package io.winback.desk.web;

import io.winback.desk.DeskProperties;
import io.winback.desk.people.People;
import io.winback.desk.privacy.TaskOpener;
import io.winback.desk.security.CurrentUsers;
import io.winback.desk.tasks.TaskAccess;
import io.winback.security.Roles;
import io.winback.security.WinbackUser;
import io.winback.desk.tasks.OutcomeCommand;
import io.winback.desk.tasks.TaskActions;
import io.winback.desk.tasks.TaskProblem;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.cases.CaseStatusView;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistFilter;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CancellationReason;
import io.winback.desk.preferences.PreferenceUrls;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.schemas.rules.CaseStatuses;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The worklist pages: the list, a task with its context and guidance, and the actions on it
 * (claim, record an outcome, reassign). Every action goes through {@link TaskActions}; a refused
 * one comes back to the task page with the reason.
 */
@Controller
public class WorklistController {

  private static final Logger log = LoggerFactory.getLogger(WorklistController.class);

  /** The worklist's default status filter: open or under way. */
  static final String WORKABLE = "WORKABLE";

  /** Back to the task page; {taskId} is taken from the request's path. */
  private static final String TASK_PAGE = "redirect:/worklist/tasks/{taskId}";

  private final TaskActions actions;
  private final WorklistRepository worklist;
  private final CaseStatusRepository cases;
  private final People people;
  private final CurrentUsers users;
  private final DeskClock clock;
  private final DeskProperties properties;
  private final MessageSource messages;
  private final TaskOpener opener;
  private final PreferenceUrls preferences;

  public WorklistController(TaskActions actions, WorklistRepository worklist, CaseStatusRepository cases,
      People people, CurrentUsers users, DeskClock clock, DeskProperties properties, MessageSource messages,
      TaskOpener opener, PreferenceUrls preferences) {
    this.actions = actions;
    this.preferences = preferences;
    this.opener = opener;
    this.users = users;
    this.worklist = worklist;
    this.cases = cases;
    this.people = people;
    this.clock = clock;
    this.properties = properties;
    this.messages = messages;
  }

  // ---- the list -----------------------------------------------------------------------------

  /**
   * Agents see their own and unassigned tasks, leads every task. {@code status} defaults to
   * WORKABLE (open, or under way: reached, a letter out); {@code status=ALL} shows every status,
   * a status name only that one. Unknown filter values are ignored.
   */
  @GetMapping("/worklist")
  String worklist(@RequestParam(required = false) String channel, @RequestParam(required = false) String status,
      Authentication user, Model model) {
    Channel channelFilter = parse(Channel.class, channel);
    if (channelFilter != null && !TaskView.WORKLIST_CHANNELS.contains(channelFilter)) {
      channelFilter = null;
    }
    boolean all = "ALL".equalsIgnoreCase(status);
    TaskStatus only = all ? null : parse(TaskStatus.class, status);
    String statusFilter = all ? "ALL" : only != null ? only.name() : WORKABLE;
    WorklistFilter filter = TaskAccess.worklist(users.of(user), channelFilter,
        all ? Set.of() : only != null ? Set.of(only) : WorklistFilter.WORKABLE);
    List<TaskView> tasks = worklist.worklist(filter).stream()
        .map(item -> TaskView.of(opener.open(item), clock, people)).toList();
    model.addAttribute("tasks", tasks);
    model.addAttribute("channels", TaskView.WORKLIST_CHANNELS);
    model.addAttribute("statuses", Arrays.asList(TaskStatus.values()));
    model.addAttribute("channelFilter", channelFilter == null ? "" : channelFilter.name());
    model.addAttribute("statusFilter", statusFilter);
    model.addAttribute("overdueCount", tasks.stream().filter(TaskView::overdue).count());
    return "worklist";
  }

  // ---- one task -----------------------------------------------------------------------------

  @GetMapping("/worklist/tasks/{taskId}")
  String task(@PathVariable String taskId, Authentication user, Model model) {
    WinbackUser me = users.of(user);
    TaskView task = TaskView.of(opener.open(actions.task(taskId, me)), clock, people);
    boolean lead = me.has(Roles.LEAD);
    CaseStatusView caseStatus = cases.find(task.caseId()).orElse(null);
    boolean claimedByOther = task.claimedBy() != null && !task.claimedBy().equals(me.username());
    model.addAttribute("task", task);
    model.addAttribute("caseStatus", caseStatus);
    model.addAttribute("caseFinal", caseStatus != null && CaseStatuses.isClosed(caseStatus.status()));
    model.addAttribute("claimedByMe", me.username().equals(task.claimedBy()));
    model.addAttribute("claimedByOther", claimedByOther);
    model.addAttribute("canClaim", task.status() == TaskStatus.OPEN && task.claimedBy() == null);
    model.addAttribute("canRecord", task.workable() && (!claimedByOther || lead));
    model.addAttribute("canReassign", lead && task.status() == TaskStatus.OPEN);
    model.addAttribute("outcomes", OutcomeChoices.of(task));
    model.addAttribute("categories", Arrays.asList(CancellationReason.values()));
    model.addAttribute("people", people.all());
    model.addAttribute("zone", clock.zone().getId());
    model.addAttribute("maxTextLength", properties.maxTextLength());
    if (task.channel() == Channel.WHATSAPP && task.workable() && task.personalData().available()) {
      // The message as the agent copies it into WhatsApp: with the customer's short link at the end.
      model.addAttribute("messageToSend", task.message().stripTrailing() + "\n\n"
          + preferences.line(preferences.forTask(task.taskId()), task.language()));
    }
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new OutcomeForm());
    }
    return "task";
  }

  /** The case's status as the processor last published it, for the page's poll. */
  @GetMapping(path = "/worklist/tasks/{taskId}/case-status", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  CaseStatusJson caseStatus(@PathVariable String taskId, Authentication user) {
    WorklistItem item = actions.task(taskId, users.of(user));
    Locale locale = LocaleContextHolder.getLocale();
    return cases.find(item.caseId())
        .map(status -> new CaseStatusJson(item.caseId(), status.status(),
            messages.getMessage("caseStatus." + status.status(), null, status.status(), locale),
            status.statusReason(), status.updatedAt(), CaseStatuses.isClosed(status.status())))
        .orElseGet(() -> new CaseStatusJson(item.caseId(), null,
            messages.getMessage("caseStatus.unknown", null, locale), null, null, false));
  }

  /** The JSON of {@code /worklist/tasks/{id}/case-status}. */
  public record CaseStatusJson(String caseId, String status, String label, String reason, Instant updatedAt,
      boolean finalStatus) {}

  // ---- actions ------------------------------------------------------------------------------

  @PostMapping("/worklist/tasks/{taskId}/claim")
  String claim(@PathVariable String taskId, Authentication user, RedirectAttributes redirect) {
    try {
      actions.claim(taskId, users.of(user));
      redirect.addFlashAttribute("notice", Notice.success(msg("notice.claimed")));
    } catch (TaskProblem.Conflict | TaskProblem.Invalid | TaskProblem.NotYet problem) {
      redirect.addFlashAttribute("notice", Notice.error(explain(taskId, user.getName(), problem)));
    }
    return TASK_PAGE;
  }

  @PostMapping("/worklist/tasks/{taskId}/outcome")
  String record(@PathVariable String taskId, @ModelAttribute("form") OutcomeForm form, Authentication user,
      RedirectAttributes redirect) {
    try {
      OutcomeCommand command = command(form);
      TaskActions.Recorded recorded = actions.record(taskId, users.of(user), command);
      String outcome = msg("outcome." + command.outcome());
      // Recorded either way; without Kafka it is on its way, never lost, and must not be entered again.
      redirect.addFlashAttribute("notice", recorded.published() ? Notice.success(msg("notice.recorded", outcome))
          : Notice.success(msg("notice.recordedPending", outcome)));
    } catch (TaskProblem.Conflict | TaskProblem.Invalid | TaskProblem.NotYet
        | TaskProblem.NotAllowed problem) {
      redirect.addFlashAttribute("notice", Notice.error(explain(taskId, user.getName(), problem)));
      redirect.addFlashAttribute("form", form);
    }
    return TASK_PAGE;
  }

  /** Only leads get here (SecurityConfig); the list offers the configured users. */
  @PostMapping("/worklist/tasks/{taskId}/reassign")
  String reassign(@PathVariable String taskId, @RequestParam(required = false) String assignee,
      Authentication user, RedirectAttributes redirect) {
    try {
      if (assignee == null || assignee.isBlank()) {
        throw new TaskProblem.Invalid("assignee", "choose a person");
      }
      actions.reassign(taskId, assignee, users.of(user));
      redirect.addFlashAttribute("notice", Notice.success(msg("notice.reassigned", people.name(assignee))));
    } catch (TaskProblem.Conflict | TaskProblem.Invalid problem) {
      redirect.addFlashAttribute("notice", Notice.error(explain(taskId, user.getName(), problem)));
    }
    return TASK_PAGE;
  }

  @ExceptionHandler(TaskProblem.NotFound.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(TaskProblem.NotFound problem, Model model) {
    model.addAttribute("detail", msg("problem.notFound"));
    model.addAttribute("status", HttpStatus.NOT_FOUND.value());
    return "error";
  }

  // ---- helpers ------------------------------------------------------------------------------

  private OutcomeCommand command(OutcomeForm form) {
    Outcome outcome = parse(Outcome.class, form.getOutcome());
    if (outcome == null) {
      throw new TaskProblem.Invalid("outcome", "an outcome is required");
    }
    // The category belongs to feedback; a value left in the (hidden) field for another outcome is dropped.
    CancellationReason category =
        outcome == Outcome.FEEDBACK_RECEIVED ? parse(CancellationReason.class, form.getCategory()) : null;
    Instant meetingAt = null;
    String place = blankToNull(form.getMeetingPlace());
    if (outcome == Outcome.MEETING_SCHEDULED) {
      String at = blankToNull(form.getMeetingAt());
      if (at != null) {
        try {
          meetingAt = LocalDateTime.parse(at).atZone(clock.zone()).toInstant();
        } catch (DateTimeParseException e) {
          throw new TaskProblem.Invalid("meetingAt", "not a date and time: " + at);
        }
      }
    } else {
      place = null;
    }
    return new OutcomeCommand(outcome, category, blankToNull(form.getText()), meetingAt, place);
  }

  /** A refused action, in the reader's language; what the task is like now says most. */
  private String explain(String taskId, String me, TaskProblem problem) {
    if (problem instanceof TaskProblem.NotYet) {
      return msg("problem.consentNotYet");
    }
    if (problem instanceof TaskProblem.NotAllowed) {
      return msg("problem.outcomeNotAllowed", problem.getMessage());
    }
    if (problem instanceof TaskProblem.Invalid invalid) {
      return switch (String.valueOf(invalid.field())) {
        case "text" -> msg("problem.text", properties.maxTextLength());
        case "meetingAt" -> msg("problem.meetingAt");
        case "meetingPlace" -> msg("problem.meetingPlace");
        case "outcome" -> msg("problem.outcome");
        case "assignee" -> msg("problem.assignee");
        default -> msg("problem.invalid", problem.getMessage());
      };
    }
    WorklistItem now = worklist.find(taskId).orElse(null);
    if (now == null) {
      return msg("problem.notFound");
    }
    if (now.status() == TaskStatus.SUPPRESSED) {
      return msg("problem.suppressed");
    }
    if (now.claimedBy() != null && !now.claimedBy().equals(me) && now.status() == TaskStatus.OPEN) {
      return msg("problem.alreadyClaimed", people.name(now.claimedBy()));
    }
    if (now.status() != TaskStatus.OPEN && now.status() != TaskStatus.SENT) {
      return msg("problem.closed", msg("taskStatus." + now.status()));
    }
    return msg("problem.changed", problem.getMessage());
  }

  private String msg(String key, Object... args) {
    return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
  }

  static boolean isLead(Authentication user) {
    return Roles.has(user, Roles.LEAD);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
