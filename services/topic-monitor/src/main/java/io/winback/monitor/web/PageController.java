package io.winback.monitor.web;

import io.winback.monitor.MonitorProperties;
import io.winback.monitor.cases.AttentionCases;
import io.winback.monitor.deadletters.AuditEntry;
import io.winback.monitor.deadletters.AuditTrail;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterRef;
import io.winback.monitor.deadletters.DeadLetterReveal;
import io.winback.monitor.deadletters.RedriveTransactions;
import io.winback.monitor.deadletters.Redriver;
import io.winback.monitor.lag.LagMonitor;
import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.pipeline.Pipeline;
import io.winback.monitor.pipeline.ServiceProbe;
import io.winback.security.Roles;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's pages. Each live part has a /live/* twin that renders just that fragment, which
 * the page's script fetches every few seconds: one template, no second rendering in JavaScript.
 * The dead letters page lists metadata for everyone; an OPS_ADMIN also gets the buttons to reveal
 * a payload (a form, audited) and to redrive, and the audit (SecurityConfig guards the URLs).
 */
@Controller
class PageController {

  private final LagMonitor monitor;
  private final Pipeline pipeline;
  private final ServiceProbe services;
  private final DeadLetterBrowser deadLetters;
  private final DeadLetterReveal reveal;
  private final Redriver redriver;
  private final AuditTrail audit;
  private final AttentionCases attention;
  private final MonitorProperties properties;

  PageController(LagMonitor monitor, Pipeline pipeline, ServiceProbe services, DeadLetterBrowser deadLetters,
      DeadLetterReveal reveal, Redriver redriver, AuditTrail audit, AttentionCases attention,
      MonitorProperties properties) {
    this.monitor = monitor;
    this.pipeline = pipeline;
    this.services = services;
    this.deadLetters = deadLetters;
    this.reveal = reveal;
    this.redriver = redriver;
    this.audit = audit;
    this.attention = attention;
    this.properties = properties;
  }

  /** Whether the page may offer what only an OPS_ADMIN may do. */
  @ModelAttribute("admin")
  boolean admin(Authentication user) {
    return Roles.has(user, Roles.OPS_ADMIN);
  }

  @GetMapping("/")
  String overview(Model model) {
    overviewModel(model);
    return "overview";
  }

  @GetMapping("/live/pipeline")
  String pipelineFragment(Model model) {
    overviewModel(model);
    return "overview :: pipeline";
  }

  @GetMapping("/topics")
  String topics(Model model) {
    model.addAttribute("snapshot", monitor.latest());
    return "topics";
  }

  @GetMapping("/live/topics")
  String topicsFragment(Model model) {
    model.addAttribute("snapshot", monitor.latest());
    return "topics :: table";
  }

  @GetMapping("/groups")
  String groups(Model model) {
    model.addAttribute("snapshot", monitor.latest());
    return "groups";
  }

  @GetMapping("/live/groups")
  String groupsFragment(Model model) {
    model.addAttribute("snapshot", monitor.latest());
    return "groups :: table";
  }

  @GetMapping("/dead-letters")
  String deadLetters(Model model, Authentication user) {
    MonitorSnapshot snapshot = monitor.latest();
    model.addAttribute("snapshot", snapshot);
    model.addAttribute("dlq", snapshot.deadLetters().orElse(null));
    model.addAttribute("rows", deadLetters.newest(properties.deadLetterLimit()));
    model.addAttribute("audit", admin(user) ? audit.entries(properties.deadLetterLimit())
        : List.of());
    model.addAttribute("limit", properties.deadLetterLimit());
    return "dead-letters";
  }

  /**
   * One letter's payload: audited first, then shown on a page of its own (the response of this
   * POST, never kept in the session). 404 without a letter there, 503 when it could not be audited.
   */
  @PostMapping("/dead-letters/{partition}/{offset}/reveal")
  String reveal(@PathVariable int partition, @PathVariable long offset, Principal user, Model model,
      HttpServletResponse response) {
    model.addAttribute("partition", partition);
    model.addAttribute("offset", offset);
    try {
      DeadLetterReveal.Revealed revealed = reveal.reveal(new DeadLetterRef(partition, offset), user.getName());
      model.addAttribute("revealed", revealed);
      if (!revealed.found()) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      }
    } catch (RedriveTransactions.Failed e) {
      model.addAttribute("failure", e.getMessage());
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
    return "dead-letter";
  }

  @GetMapping("/cases")
  String cases(Model model) {
    casesModel(model);
    return "cases";
  }

  @GetMapping("/live/cases")
  String casesFragment(Model model) {
    casesModel(model);
    return "cases :: table";
  }

  private void casesModel(Model model) {
    model.addAttribute("snapshot", monitor.latest());
    model.addAttribute("cases", attention.current());
    model.addAttribute("caughtUp", attention.caughtUp());
  }

  /** Checkbox values are "partition:offset"; anything else is ignored rather than guessed at. */
  @PostMapping("/dead-letters/redrive")
  String redrive(@RequestParam(name = "selected", required = false) List<String> selected, Principal user,
      RedirectAttributes redirect) {
    List<DeadLetterRef> refs = new ArrayList<>();
    for (String value : selected == null ? List.<String>of() : selected) {
      String[] parts = value.split(":");
      try {
        refs.add(new DeadLetterRef(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim())));
      } catch (RuntimeException malformed) {
        // not a position this page produced
      }
    }
    List<AuditEntry> results = refs.isEmpty() ? List.of() : redriver.redrive(refs, user.getName());
    redirect.addFlashAttribute("results", results);
    redirect.addFlashAttribute("nothingSelected", refs.isEmpty());
    return "redirect:/dead-letters";
  }

  private void overviewModel(Model model) {
    MonitorSnapshot snapshot = monitor.latest();
    model.addAttribute("snapshot", snapshot);
    model.addAttribute("stages", pipeline.stages(snapshot, services.latest()));
    model.addAttribute("services", services.latest().values());
    model.addAttribute("dlq", snapshot.deadLetters().orElse(null));
  }
}
