package io.winback.policy;

import io.winback.events.Channel;
import io.winback.events.Goal;
import java.util.Objects;

/**
 * Which outreach of a case the policy is asked to decide, and why there is one. Every contact of
 * a case goes through the policy with one of these: the first, a retry, a follow-up, the next
 * written channel after a failed delivery.
 *
 * @param number   the attempt this outreach would be (1 for the first; a next written channel
 *                 keeps the number of the one that failed); above the budget nobody is contacted
 * @param previous the channel of the outreach this one follows; null for the first contact
 * @param caseGoal the goal the case already has; null for the first contact
 * @param history  do-not-contact recorded earlier, and the channels already used in the case
 */
public record Attempt(Kind kind, int number, Channel previous, Goal caseGoal, ContactHistory history) {

  public enum Kind {
    /** The case's first outreach. */
    FIRST_CONTACT,
    /** The customer was not reached: one more try, on the same channel while it may still be used. */
    RETRY_NOT_REACHED,
    /** No answer to a written outreach in time: one follow-up on another channel family. */
    FOLLOW_UP_NO_ANSWER,
    /** A written outreach could not be delivered: the next written channel, as the same attempt. */
    NEXT_WRITTEN,
    /**
     * The customer answered a written outreach asking for a call or a visit ({@link ContactHistory#wish}):
     * that channel at once, within consent and contact data, quiet hours and the contract end. Their own
     * request is no attempt of ours to reach them: the attempt budget does not refuse it.
     */
    CUSTOMER_WISH
  }

  public Attempt {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(history, "history");
    if (number < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1");
    }
    if ((kind == Kind.FIRST_CONTACT) != (previous == null)) {
      throw new IllegalArgumentException("a first contact follows no channel, every later attempt one");
    }
    if (kind == Kind.CUSTOMER_WISH && (history.wish() == null || history.wish().channel().isEmpty())) {
      throw new IllegalArgumentException("a customer's wish attempt needs their wish for a call or a visit");
    }
  }

  public static Attempt first(ContactHistory history) {
    return new Attempt(Kind.FIRST_CONTACT, 1, null, null, history);
  }

  public static Attempt retry(int number, Channel notReached, Goal caseGoal, ContactHistory history) {
    return new Attempt(Kind.RETRY_NOT_REACHED, number, notReached, caseGoal, history);
  }

  public static Attempt followUp(int number, Channel unanswered, Goal caseGoal, ContactHistory history) {
    return new Attempt(Kind.FOLLOW_UP_NO_ANSWER, number, unanswered, caseGoal, history);
  }

  /**
   * The customer asked, on the outreach on {@code answered}, for a call or a visit ({@code history.wish()}).
   *
   * @param number the attempt of the outreach they answered: the wish costs no attempt of the budget
   */
  public static Attempt customerWish(int number, Channel answered, Goal caseGoal, ContactHistory history) {
    return new Attempt(Kind.CUSTOMER_WISH, number, answered, caseGoal, history);
  }

  public static Attempt nextWritten(int number, Channel failed, Goal caseGoal, ContactHistory history) {
    return new Attempt(Kind.NEXT_WRITTEN, number, failed, caseGoal, history);
  }
}
