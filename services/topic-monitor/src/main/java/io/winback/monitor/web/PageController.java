package io.winback.monitor.web;

import io.winback.monitor.MonitorProperties;
import io.winback.monitor.cases.AttentionCases;
import io.winback.monitor.deadletters.AuditEntry;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterRef;
import io.winback.monitor.deadletters.AuditTrail;
import io.winback.monitor.deadletters.Redriver;
import io.winback.monitor.lag.LagMonitor;
import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.pipeline.Pipeline;
import io.winback.monitor.pipeline.ServiceProbe;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's pages. Each live part has a /live/* twin that renders just that fragment, which
 * the page's script fetches every few seconds: one template, no second rendering in JavaScript.
 */
@Controller
class PageController {

  private final LagMonitor monitor;
  private final Pipeline pipeline;
  private final ServiceProbe services;
  private final DeadLetterBrowser deadLetters;
  private final Redriver redriver;
  private final AuditTrail audit;
  private final AttentionCases attention;
  private final MonitorProperties properties;

  PageController(LagMonitor monitor, Pipeline pipeline, ServiceProbe services, DeadLetterBrowser deadLetters,
      Redriver redriver, AuditTrail audit, AttentionCases attention, MonitorProperties properties) {
    this.monitor = monitor;
    this.pipeline = pipeline;
    this.services = services;
    this.deadLetters = deadLetters;
    this.redriver = redriver;
    this.audit = audit;
    this.attention = attention;
    this.properties = properties;
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
  String deadLetters(Model model) {
    MonitorSnapshot snapshot = monitor.latest();
    model.addAttribute("snapshot", snapshot);
    model.addAttribute("dlq", snapshot.deadLetters().orElse(null));
    model.addAttribute("rows", deadLetters.newest(properties.deadLetterLimit()));
    model.addAttribute("audit", audit.entries(properties.deadLetterLimit()));
    model.addAttribute("limit", properties.deadLetterLimit());
    return "dead-letters";
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
