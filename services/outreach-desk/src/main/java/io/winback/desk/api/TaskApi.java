package io.winback.desk.api;

import io.winback.desk.DeskProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.winback.desk.security.SecurityConfig;
import io.winback.desk.tasks.TaskActions;
import io.winback.desk.tasks.TaskProblem;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistFilter;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
 * The worklist for call-centre systems (HTTP basic, see {@link SecurityConfig}). Every rule lives
 * in {@link TaskActions}, shared with the worklist pages; this class only translates HTTP.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = ApiDocs.BASIC_AUTH)
@ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content)
public class TaskApi {

  private final TaskActions actions;
  private final WorklistRepository worklist;
  private final DeskProperties properties;
  private final Clock clock;

  public TaskApi(TaskActions actions, WorklistRepository worklist, DeskProperties properties, Clock clock) {
    this.actions = actions;
    this.worklist = worklist;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/tasks")
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "The worklist",
      description = "Tasks for people, oldest due first, at most 500: an AGENT sees the tasks claimed by or assigned "
          + "to them and the unassigned ones, a LEAD every task. The same list as the worklist page. Email tasks "
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
    String visibleTo = isLead(user) ? null : user.getName();
    return worklist.worklist(new WorklistFilter(visibleTo, properties.accountManagerIdOf(user.getName()), channel, status)).stream()
        .map(item -> TaskResponse.of(item, now)).toList();
  }

  @GetMapping("/tasks/{taskId}")
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "One task", description = "Any task by its id, email tasks included.")
  @ApiResponse(responseCode = "200", description = "The task")
  @ApiResponse(responseCode = "404", description = "No such task",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public TaskResponse task(@PathVariable String taskId) {
    return TaskResponse.of(actions.task(taskId), clock.instant());
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
    return TaskResponse.of(actions.claim(taskId, user.getName()), clock.instant());
  }

  @PostMapping(path = "/tasks/{taskId}/outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Tag(name = ApiDocs.TASKS)
  @Operation(summary = "Record what came of a task",
      description = "Publishes an OutreachFeedback on outreach.feedback.v1 (a fresh feedbackId, recordedBy = the "
          + "caller) and updates the task only once Kafka acknowledged it. An unclaimed task is claimed by the "
          + "caller; a task claimed by someone else can only be finished by a LEAD.")
  @ApiResponse(responseCode = "200", description = "Recorded; the task as it now stands")
  @ApiResponse(responseCode = "400", description = "Malformed JSON, an unknown or missing outcome, a text that "
      + "is too long, a meeting without its time; `field` names what",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "404", description = "No such task",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "409", description = "The task is claimed by someone else or already finished",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "503", description = "Kafka did not take the outcome; nothing was recorded, try again",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public TaskResponse outcome(@PathVariable String taskId, @RequestBody OutcomeRequest request,
      @Parameter(hidden = true) Authentication user) {
    return TaskResponse.of(actions.record(taskId, user.getName(), isLead(user), request.toCommand()),
        clock.instant());
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
    return TaskResponse.of(actions.reassign(taskId, request.assignee().strip(), user.getName()), clock.instant());
  }

  @GetMapping("/cases/{caseId}/status")
  @Tag(name = ApiDocs.CASES)
  @Operation(summary = "The latest status of a case", description = "As last published on winback.cases.v1.")
  @ApiResponse(responseCode = "200", description = "The case's status")
  @ApiResponse(responseCode = "404", description = "The desk has not seen this case",
      content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
  public CaseStatusResponse caseStatus(@PathVariable String caseId) {
    return worklist.caseStatus(caseId).map(CaseStatusResponse::of).orElseThrow(() -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no case " + caseId);
      problem.setTitle("Case not found");
      return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    });
  }

  private static boolean isLead(Authentication user) {
    return user.getAuthorities().stream().anyMatch(a -> ("ROLE_" + SecurityConfig.LEAD).equals(a.getAuthority()));
  }
}
