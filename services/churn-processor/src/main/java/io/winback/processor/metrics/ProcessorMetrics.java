package io.winback.processor.metrics;

import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import io.winback.events.CustomerChoice;
import io.winback.events.TaskAction;
import io.winback.processor.cases.Effect;
import java.util.List;

/** The domain counters the processor reports; Micrometer in the service, a plain recorder in tests. */
public interface ProcessorMetrics {

  /** Every event {@link #count} is called with; each is a counter from start-up on, at zero until it happens. */
  List<String> EVENTS = List.of("suppressed", "needs-data", "needs-attention", "duplicate-cancellation",
      "withdrawal-without-open-case", "customer-erased", "customer-key-created", "dead-letter-value-dropped",
      "task-of-erased-customer", ProcessorMetrics.OUTCOME_AFTER_CLOSE, ProcessorMetrics.CUSTOMER_INPUT_RECORDED_ONLY);

  /**
   * The desk's own outcome (SENT, DELIVERY_FAILED, SUPPRESSED) for a task its case's close had cancelled:
   * the expected race of a withdrawal during a send, recorded without effect.
   */
  String OUTCOME_AFTER_CLOSE = "outcome-after-close";

  /**
   * The customer's own choice or free text for a task or case the table would refuse it for (closed
   * meanwhile): recorded without effect, never dead-lettered.
   */
  String CUSTOMER_INPUT_RECORDED_ONLY = "customer-input-recorded-only";

  void caseStatus(CaseStatus status);

  void task(Channel channel, TaskAction action);

  void deadLettered(String sourceTopic, String reason);

  /** Other domain events, one of {@link #EVENTS}. */
  void count(String event);

  /** A timer whose transition failed; it stays and is tried again. */
  void timerFailed(Effect.Timer.Kind kind);

  /** A closed case removed after the retention period (and tombstoned on winback.cases.v1). */
  void caseExpired();

  /** What the customer chose on the preference page, once per feedbackId. */
  default void customerChoice(CustomerChoice choice) {}

  /** A case was opened, in the treated group or the holdout group. */
  default void caseOpened(Cohort cohort) {}

  ProcessorMetrics NONE = new ProcessorMetrics() {
    @Override
    public void caseStatus(CaseStatus status) {}

    @Override
    public void task(Channel channel, TaskAction action) {}

    @Override
    public void deadLettered(String sourceTopic, String reason) {}

    @Override
    public void count(String event) {}

    @Override
    public void timerFailed(Effect.Timer.Kind kind) {}

    @Override
    public void caseExpired() {}
  };
}
