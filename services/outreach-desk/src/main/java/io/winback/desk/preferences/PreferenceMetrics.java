package io.winback.desk.preferences;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code winback_desk_preference_actions_total{action,result}}: what customers did at their door,
 * one series per action (view and every {@link PreferenceAction}) and result, each at zero from
 * start-up so that an alert's or a report's increase() sees the first one too. Opt-outs are
 * {@code action="no_contact",result="recorded"}.
 */
@Component
public class PreferenceMetrics {

  static final String NAME = "winback.desk.preference.actions";

  private final MeterRegistry registry;

  public PreferenceMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String action : actions()) {
      for (PreferenceResult result : PreferenceResult.values()) {
        counter(action, result);
      }
    }
  }

  public void count(String action, PreferenceResult result) {
    counter(action, result).increment();
  }

  static List<String> actions() {
    List<String> actions = new ArrayList<>(List.of(PreferenceAudit.VIEW));
    for (PreferenceAction action : PreferenceAction.values()) {
      actions.add(action.code());
    }
    return actions;
  }

  private Counter counter(String action, PreferenceResult result) {
    return Counter.builder(NAME).tag("action", action).tag("result", result.code())
        .description("Requests at the customers' preference door (page, one-click and mailto unsubscribe) by action "
            + "and result")
        .register(registry);
  }
}
