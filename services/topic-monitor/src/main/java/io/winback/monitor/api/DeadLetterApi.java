package io.winback.monitor.api;

import io.winback.monitor.MonitorProperties;
import io.winback.monitor.deadletters.AuditTrail;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterRef;
import io.winback.monitor.deadletters.DeadLetterReveal;
import io.winback.monitor.deadletters.RedriveTransactions;
import io.winback.monitor.deadletters.Redriver;
import io.winback.monitor.lag.LagMonitor;
import io.winback.monitor.lag.TopicView;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for scripts. The list is metadata for every operator (OPS_VIEWER); a letter's
 * payload (reveal, audited), redrive and the audit are OPS_ADMIN's (SecurityConfig says who).
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterApi {

  /** What to redrive: positions on the dead-letter topic. */
  record RedriveRequest(List<DeadLetterRef> records) {}

  record RedriveResponse(List<AuditJson> results) {}

  record DeadLettersResponse(String topic, long depth, double recordsPerSecond, List<DeadLetterMetadataJson> records) {}

  /** @param letter null when there is no dead letter at that place (HTTP 404) */
  record RevealResponse(AuditJson audit, DeadLetterJson letter) {}

  record Problem(String error) {}

  static final int AUDIT_LIMIT = 1_000;

  private final DeadLetterBrowser browser;
  private final DeadLetterReveal reveal;
  private final Redriver redriver;
  private final AuditTrail audit;
  private final LagMonitor monitor;
  private final MonitorProperties properties;

  DeadLetterApi(DeadLetterBrowser browser, DeadLetterReveal reveal, Redriver redriver, AuditTrail audit,
      LagMonitor monitor, MonitorProperties properties) {
    this.browser = browser;
    this.reveal = reveal;
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
        browser.newest(wanted).stream().map(DeadLetterMetadataJson::of).toList());
  }

  /**
   * One letter's payload, audited before it is sent: a POST, since every call writes to the audit.
   * 404 when there is none at that place, 503 when the reveal could not be audited (nothing shown).
   */
  @PostMapping("/{partition}/{offset}/reveal")
  ResponseEntity<?> reveal(@PathVariable int partition, @PathVariable long offset, Principal user) {
    try {
      DeadLetterReveal.Revealed revealed = reveal.reveal(new DeadLetterRef(partition, offset), user.getName());
      RevealResponse body = new RevealResponse(AuditJson.of(revealed.audit()),
          revealed.found() ? DeadLetterJson.of(revealed.letter()) : null);
      return ResponseEntity.status(revealed.found() ? HttpStatus.OK : HttpStatus.NOT_FOUND).body(body);
    } catch (RedriveTransactions.Failed e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(new Problem("the reveal could not be audited, so nothing is shown: " + e.getMessage()));
    }
  }

  @PostMapping("/redrive")
  ResponseEntity<RedriveResponse> redrive(@RequestBody RedriveRequest request, Principal user) {
    if (request == null || request.records() == null || request.records().isEmpty()) {
      return ResponseEntity.badRequest().build();
    }
    return ResponseEntity.ok(new RedriveResponse(redriver.redrive(request.records(), user.getName()).stream()
        .map(AuditJson::of).toList()));
  }

  /** Every monitor's redrives and reveals, read from the audit topic, newest first. */
  @GetMapping("/audit")
  List<AuditJson> audit(@RequestParam(required = false) Integer limit) {
    audit.catchUp();
    return audit.entries(limit == null ? AUDIT_LIMIT : Math.max(0, Math.min(limit, 10_000))).stream()
        .map(AuditJson::of).toList();
  }
}
