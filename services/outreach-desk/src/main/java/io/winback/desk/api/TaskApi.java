package io.winback.desk.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.preferences.PreferenceUrls;
import io.winback.desk.privacy.OpenedTask;
import io.winback.desk.privacy.TaskOpener;
import io.winback.desk.security.CurrentUsers;
import io.winback.desk.tasks.TaskAccess;
import io.winback.desk.tasks.TaskActions;
import io.winback.desk.tasks.TaskProblem;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import io.winback.security.WinbackUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The worklist for call-centre systems (bearer tokens; see {@link io.winback.desk.security.SecurityConfig}). Every rule lives
 * in {@link TaskActions}, shared with the worklist pages; this class only translates HTTP.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = ApiDocs.BEARER_AUTH)
@SecurityRequirement(name = ApiDocs.BASIC_AUTH)
@ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content)
public class TaskApi {

  private final TaskActions actions;
  private final WorklistRepository worklist;
  private final CaseStatusRepository cases;
  private final FeedbackOutbox outbox;
  private final CurrentUsers users;
  private final TaskOpener opener;
  private final PreferenceUrls preferences;
  private final Clock clock;

  public TaskApi(TaskActions actions, WorklistRepository worklist, CaseStatusRepository cases, FeedbackOutbox outbox,
      CurrentUsers users, TaskOpener opener, PreferenceUrls preferences, Clock clock) {
    this.actions = actions;
    this.preferences = preferences;
    this.opener = opener;
    this.worklist = worklist;
    this.cases = cases;
    this.outbox = outbox;
    this.users = users;
    this.clock = clock;
  }

  @GetMapping("/tasks")
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "The worklist",
      description = "Tasks for people, oldest due first, at most 500: an AGENT sees the tasks claimed by or assigned "
          + "to them and the unclaimed, unassigned ones (never someone else's claimed task, never another account "
          + "manager's in-person task), a LEAD every task. The same list as the worklist page. Email tasks "
          + "are sent by the desk and never listed (channel=EMAIL gives an empty list); fetch one by its id.")
  @ApiResponse(responseCode = "200", description = "The tasks")
  @ApiResponse(responseCode = "400", description = "An unknown channel or status",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public List<TaskResponse> tasks(
      @Parameter(description = "Only this channel") @RequestParam(required = false) Channel channel,
      @Parameter(description = "Only tasks in this status, e.g. OPEN") @RequestParam(required = false)
      TaskStatus status,
      @Parameter(hidden = true) Authentication user) {
    Instant now = clock.instant();
    return worklist.worklist(TaskAccess.worklist(users.of(user), channel,
        status == null ? java.util.Set.of() : java.util.Set.of(status))).stream()
        .map(item -> response(opener.open(item), now, null)).toList();
  }

  @GetMapping("/tasks/{taskId}")
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "One task", description = "A task by its id, email tasks included, if the caller may see "
      + "it; else 404, as if there were none.")
  @ApiResponse(responseCode = "200", description = "The task")
  @ApiResponse(responseCode = "404", description = "No such task",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public TaskResponse task(@PathVariable String taskId, @Parameter(hidden = true) Authentication user) {
    return response(opener.open(actions.task(taskId, users.of(user))), clock.instant(), outbox.latestFor(taskId)
        .map(entry -> new TaskResponse.Feedback(entry.feedbackId(), entry.published())).orElse(null));
  }

  @PostMapping("/tasks/{taskId}/claim")
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "Claim a task",
      description = "The caller works on the task from now on. Claiming one's own task again is harmless; of two "
          + "people claiming at once exactly one wins. The customer's current consent is checked first: without "
          + "it the task is recorded as SUPPRESSED and the claim refused with 409.")
  @ApiResponse(responseCode = "200", description = "Claimed; the task as it now stands")
  @ApiResponse(responseCode = "404", description = "No such task",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "409", description = "Someone else claimed it, the task is no longer open, or "
      + "the customer no longer consents",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public TaskResponse claim(@PathVariable String taskId, @Parameter(hidden = true) Authentication user) {
    return response(opener.open(actions.claim(taskId, users.of(user))), clock.instant(), null);
  }

  @PostMapping(path = "/tasks/{taskId}/outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "Record what came of a task",
      description = "Records the outcome and the task's change in one database transaction, with a fresh "
          + "feedbackId fixed there (recordedBy = the caller); the desk publishes it as an OutreachFeedback on "
          + "outreach.feedback.v1 until the broker has it. An unclaimed task is claimed by the caller; a task "
          + "claimed by someone else can only be finished by a LEAD. Never send the same outcome again after a "
          + "202: it is recorded and on its way.")
  @ApiResponse(responseCode = "200", description = "Recorded and on the feedback topic; the task as it now stands")
  @ApiResponse(responseCode = "202", description = "Recorded, not yet on the feedback topic (Kafka is away): the "
      + "desk publishes it by itself as soon as Kafka is back; `lastFeedback.published` is false")
  @ApiResponse(responseCode = "400", description = "Malformed JSON, an unknown or missing outcome, a text that "
      + "is too long, a meeting without its time; `field` names what",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "404", description = "No such task",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "409", description = "The task is claimed by someone else or already finished, or "
      + "the customer's consent is not known to the desk yet (then with Retry-After)",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public ResponseEntity<TaskResponse> outcome(@PathVariable String taskId, @RequestBody OutcomeRequest request,
      @Parameter(hidden = true) Authentication user) {
    TaskActions.Recorded recorded = actions.record(taskId, users.of(user), request.toCommand());
    TaskResponse body = response(opener.open(recorded.task()), clock.instant(),
        new TaskResponse.Feedback(recorded.feedbackId(), recorded.published()));
    return ResponseEntity.status(recorded.published() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(body);
  }

  @PostMapping(path = "/tasks/{taskId}/reassign", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "Hand an open task to someone else (LEAD only)")
  @ApiResponse(responseCode = "200", description = "Reassigned; the task as it now stands")
  @ApiResponse(responseCode = "400", description = "No assignee, or no such user",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "403", description = "The caller is not a LEAD", content = @Content)
  @ApiResponse(responseCode = "404", description = "No such task",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "409", description = "The task is no longer open",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public TaskResponse reassign(@PathVariable String taskId, @RequestBody ReassignRequest request,
      @Parameter(hidden = true) Authentication user) {
    if (request.assignee() == null || request.assignee().isBlank()) {
      throw new TaskProblem.Invalid("assignee", "the user name of the new owner is required");
    }
    return response(opener.open(actions.reassign(taskId, request.assignee().strip(), users.of(user))),
        clock.instant(), null);
  }

  @GetMapping("/cases/{caseId}/status")
  @Tag(name = ApiDocs.CASES)
  @Operation(summary = "The latest status of a case", description = "As last published on winback.cases.v1.")
  @ApiResponse(responseCode = "200", description = "The case's status")
  @ApiResponse(responseCode = "404", description = "The desk has not seen this case, or none of its tasks is one "
      + "the caller may see",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public CaseStatusResponse caseStatus(@PathVariable String caseId, @Parameter(hidden = true) Authentication user) {
    WinbackUser caller = users.of(user);
    boolean mayKnow = caller.has(io.winback.security.Roles.LEAD)
        || worklist.tasksOfCase(caseId).stream().anyMatch(task -> TaskAccess.canSee(caller, task));
    return cases.find(caseId).filter(found -> mayKnow).map(CaseStatusResponse::of).orElseThrow(() -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no case " + caseId);
      problem.setTitle("Case not found");
      return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    });
  }


  /**
   * The task as the API answers it. A letter or a WhatsApp message is sent by the caller, not the desk, so while
   * it is to be sent and readable its answer carries the customer's preference page to end the message with,
   * as the task page gives agents and the desk's own emails and letters carry.
   */
  private TaskResponse response(OpenedTask opened, Instant now, TaskResponse.Feedback lastFeedback) {
    WorklistItem item = opened.item();
    boolean sentByTheCaller = item.channel() == Channel.LETTER || item.channel() == Channel.WHATSAPP;
    boolean toBeSent = item.status() == TaskStatus.OPEN || item.status() == TaskStatus.SENT;
    String preferenceUrl = sentByTheCaller && toBeSent && opened.personalData().available()
        ? preferences.forTask(item.taskId()).page() : null;
    return TaskResponse.of(opened, now, lastFeedback, preferenceUrl);
  }
}
