package io.winback.schemas.rules;

import io.winback.events.CustomerChoice;
import io.winback.events.OutreachFeedback;
import io.winback.events.TaskState;
import java.util.Optional;

/**
 * What the customer records themselves (the desk's preference page and one-click link, recordedBy
 * {@value #RECORDED_BY}) and what it does to the written task whose link they used. The processor applies
 * it; the desk can move its own task the same way.
 *
 * <ul>
 *   <li>NO_CONTACT (with DO_NOT_CONTACT): the task is DONE, the case closes, the customer is not contacted
 *       again in any case; it applies to the customer even when the task or the case is closed already.
 *   <li>PHONE, IN_PERSON (with REACHED): the written task is DONE, a call or a visit follows at once
 *       (within consent); when it may not be made, the task stays SENT as for REACHED: the conversation
 *       continues in writing.
 *   <li>WRITTEN_ONLY (with REACHED): as for REACHED, the task is SENT, and every later attempt is written.
 * </ul>
 * The customer's own input is never bad input: where the task state × outcome table refuses it (a task or
 * a case closed meanwhile), it is recorded and has no effect, except that NO_CONTACT still suppresses.
 */
public final class CustomerChoices {

  /** Who records what the customer chose themselves. */
  public static final String RECORDED_BY = "outreach-desk/preferences";

  private CustomerChoices() {}

  /** The customer's choice the feedback carries; none for NONE or no choice. */
  public static Optional<CustomerChoice> choice(OutreachFeedback feedback) {
    CustomerChoice choice = feedback.getCustomerChoice();
    return choice == null || choice == CustomerChoice.NONE ? Optional.empty() : Optional.of(choice);
  }

  /** Whether the customer recorded this themselves: a choice, or their free text, from the preference page. */
  public static boolean isCustomersOwn(OutreachFeedback feedback) {
    return RECORDED_BY.equals(feedback.getRecordedBy()) || choice(feedback).isPresent();
  }

  /** The state the written task the customer answered on takes, while it is open, when the choice is honoured. */
  public static TaskState taskStateAfter(CustomerChoice choice) {
    return switch (choice) {
      case NO_CONTACT, PHONE, IN_PERSON -> TaskState.DONE;
      case WRITTEN_ONLY, NONE -> TaskState.SENT;
    };
  }
}
