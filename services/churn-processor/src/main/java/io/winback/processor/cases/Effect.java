package io.winback.processor.cases;

import io.winback.events.OutreachTask;
import java.time.Instant;

/** What a transition asks the topology to do besides storing and publishing the case. */
public sealed interface Effect {

  /** Publish this task (CREATE or CANCEL) on its channel family's topic. */
  record EmitTask(OutreachTask task) implements Effect {}

  /** Wake the case up at {@code at}; stale timers are recognised and ignored when they fire. */
  record StartTimer(Timer timer) implements Effect {}

  /** Remember that the customer asked not to be contacted, for every later case. */
  record SuppressCustomer(String customerId) implements Effect {}

  /** The input cannot be applied: it goes to the dead-letter topic with this reason. */
  record Reject(String reason) implements Effect {}

  /**
   * The desk's own outcome for a task the case's close had cancelled, recorded without effect: counted
   * and logged (ids only), never dead-lettered.
   */
  record OutcomeAfterClose(String caseId, String taskId, io.winback.events.Outcome outcome,
      io.winback.events.CaseStatus caseStatus) implements Effect {}

  /** The customer made a choice on the preference page (counted by choice). */
  record CustomerChose(io.winback.events.CustomerChoice choice) implements Effect {}

  /**
   * The customer's own input (a choice, their free text) that the table would refuse: recorded in the case's
   * history without effect, counted and logged (ids only), never dead-lettered.
   */
  record CustomerInputRecordedOnly(String caseId, String taskId, io.winback.events.TaskState taskState,
      io.winback.events.Outcome outcome, io.winback.events.CaseStatus caseStatus) implements Effect {}

  /** A domain event worth counting (metrics), e.g. a case that needs data. */
  record Count(String what) implements Effect {}

  /** A timer: which case, why, and for which task (for no-answer timers). */
  record Timer(Kind kind, Instant at, String caseId, String taskId) {
    public enum Kind { DATA_GRACE, NO_ANSWER }
  }
}
