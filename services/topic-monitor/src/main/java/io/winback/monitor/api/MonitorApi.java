package io.winback.monitor.api;

import io.winback.monitor.lag.LagMonitor;
import io.winback.monitor.lag.MonitorSnapshot;
import io.winback.monitor.pipeline.Pipeline;
import io.winback.monitor.pipeline.ServiceProbe;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only JSON of the latest sample, for every operator. The /live/* twins serve the pages'
 * refresh scripts under the login session; /api/* is for scripts with a bearer token (HTTP basic
 * on the embedded setup).
 */
@RestController
class MonitorApi {

  private final LagMonitor monitor;
  private final Pipeline pipeline;
  private final ServiceProbe services;

  MonitorApi(LagMonitor monitor, Pipeline pipeline, ServiceProbe services) {
    this.monitor = monitor;
    this.pipeline = pipeline;
    this.services = services;
  }

  @GetMapping("/api/lag")
  LagJson lag() {
    return LagJson.of(monitor.latest());
  }

  @GetMapping({"/api/overview", "/live/overview"})
  OverviewJson overview() {
    MonitorSnapshot snapshot = monitor.latest();
    return OverviewJson.of(snapshot, pipeline.stages(snapshot, services.latest()));
  }

  @GetMapping({"/api/history", "/live/history"})
  HistoryJson history() {
    return HistoryJson.of(monitor.history());
  }
}
