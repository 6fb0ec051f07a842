package io.winback.monitor.api;

import io.winback.monitor.MonitorProperties;
import io.winback.monitor.deadletters.AuditEntry;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterRef;
import io.winback.monitor.deadletters.AuditTrail;
import io.winback.monitor.deadletters.Redriver;
import io.winback.monitor.lag.LagMonitor;
import io.winback.monitor.lag.TopicView;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters over HTTP basic: the newest ones decoded, redrive of selected ones, the audit trail. */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterApi {

  /** What to redrive: positions on the dead-letter topic. */
  record RedriveRequest(List<DeadLetterRef> records) {}

  record RedriveResponse(List<AuditEntry> results) {}

  record DeadLettersResponse(String topic, long depth, double recordsPerSecond, List<DeadLetterJson> records) {}

  static final int AUDIT_LIMIT = 1_000;

  private final DeadLetterBrowser browser;
  private final Redriver redriver;
  private final AuditTrail audit;
  private final LagMonitor monitor;
  private final MonitorProperties properties;

  DeadLetterApi(DeadLetterBrowser browser, Redriver redriver, AuditTrail audit, LagMonitor monitor,
      MonitorProperties properties) {
    this.browser = browser;
    this.redriver = redriver;
    this.audit = audit;
    this.monitor = monitor;
    this.properties = properties;
  }

  @GetMapping
  DeadLettersResponse newest(@RequestParam(required = false) Integer limit) {
    int wanted = limit == null ? properties.deadLetterLimit() : Math.max(0, Math.min(limit, 1_000));
    TopicView dlq = monitor.latest().deadLetters().orElse(null);
    return new DeadLettersResponse(monitor.latest().deadLetterTopic(),
        dlq == null ? 0 : dlq.retained(), dlq == null ? 0 : dlq.recordsPerSecond(),
        browser.newest(wanted).stream().map(DeadLetterJson::of).toList());
  }

  @PostMapping("/redrive")
  ResponseEntity<RedriveResponse> redrive(@RequestBody RedriveRequest request, Principal user) {
    if (request == null || request.records() == null || request.records().isEmpty()) {
      return ResponseEntity.badRequest().build();
    }
    return ResponseEntity.ok(new RedriveResponse(redriver.redrive(request.records(), user.getName())));
  }

  /** Every monitor's redrives, read from the audit topic, newest first. */
  @GetMapping("/audit")
  List<AuditEntry> audit(@RequestParam(required = false) Integer limit) {
    audit.catchUp();
    return audit.entries(limit == null ? AUDIT_LIMIT : Math.max(0, Math.min(limit, 10_000)));
  }
}
