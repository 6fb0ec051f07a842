package io.winback.monitor.api;

import io.winback.monitor.cases.AttentionCase;
import io.winback.monitor.cases.AttentionCases;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cases the processor published as needing an operator (NEEDS_ATTENTION). */
@RestController
class CaseApi {

  /** @param complete false while the monitor has not read winback.cases.v1 to its end once */
  record AttentionJson(boolean complete, List<AttentionCase> cases) {}

  private final AttentionCases attention;

  CaseApi(AttentionCases attention) {
    this.attention = attention;
  }

  @GetMapping("/api/cases/needs-attention")
  AttentionJson needsAttention() {
    return new AttentionJson(attention.caughtUp(), attention.current());
  }
}
