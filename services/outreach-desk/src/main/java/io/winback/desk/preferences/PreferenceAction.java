package io.winback.desk.preferences;

import io.winback.events.CustomerChoice;
import io.winback.events.Outcome;
import io.winback.schemas.rules.CustomerChoices;
import java.util.Locale;

/**
 * What a customer can do with their link, and the outcome each one is published as (the contract
 * with the processor, recordedBy {@value #RECORDED_BY}): "no further contact" is DO_NOT_CONTACT
 * with NO_CONTACT; a channel wish is REACHED with the wish; a free text alone is FEEDBACK_RECEIVED.
 */
public enum PreferenceAction {
  NO_CONTACT(Outcome.DO_NOT_CONTACT, CustomerChoice.NO_CONTACT),
  WRITTEN_ONLY(Outcome.REACHED, CustomerChoice.WRITTEN_ONLY),
  PHONE(Outcome.REACHED, CustomerChoice.PHONE),
  IN_PERSON(Outcome.REACHED, CustomerChoice.IN_PERSON),
  FEEDBACK(Outcome.FEEDBACK_RECEIVED, null);

  public static final String RECORDED_BY = CustomerChoices.RECORDED_BY;

  private final Outcome outcome;
  private final CustomerChoice choice;

  PreferenceAction(Outcome outcome, CustomerChoice choice) {
    this.outcome = outcome;
    this.choice = choice;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The customer's choice on the record; null for a free text alone. */
  public CustomerChoice choice() {
    return choice;
  }

  /** As the audit, the metric and the page name it: no_contact, written_only, phone, in_person, feedback. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The feedbackId: one per task and action, so the same choice made twice (two clicks, the one-click
   * link and the page, two replicas) is one record, applied once.
   */
  public String feedbackId(String taskId) {
    return "fb-pref-" + code().replace('_', '-') + "-" + taskId;
  }

  /** The choice a form sends (a {@link CustomerChoice} name), or null for none or an unknown one. */
  public static PreferenceAction ofChoice(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (PreferenceAction action : values()) {
      if (action.choice != null && action.choice.name().equals(value.strip())) {
        return action;
      }
    }
    return null;
  }
}
