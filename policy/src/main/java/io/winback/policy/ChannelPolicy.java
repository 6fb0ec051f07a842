package io.winback.policy;

import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which channel reaches a customer who cancelled, with which goal, and when. It encodes the
 * article Winback is built on: written is the first contact, phone suits customers who responded
 * well to personal approaches, in person suits long-standing customers and complex matters; no
 * contact without consent, none at all after a "do not contact", and no pushiness.
 *
 * <p>Every outreach of a case is decided here, the first one and every later {@link Attempt}
 * alike, on the CRM data of the moment: consent and contact data per channel, do-not-contact, the
 * account manager, quiet hours, the contract end and the attempt budget.
 *
 * <p>A pure function of its inputs: the time comes in as {@code now}, nothing is read or written.
 * Its rationale lines always come in one order: the goal, why there is this attempt (for a later
 * one), which channels it looks at, each channel it looked at, then when it is due.
 */
public final class ChannelPolicy {

  static final String NO_ELIGIBLE_CHANNEL = "no channel with consent and contact data";

  /** From the most personal to the gentlest; a retry falls along it, never up it. */
  private static final List<Channel> ESCALATION =
      List.of(Channel.IN_PERSON, Channel.PHONE, Channel.EMAIL, Channel.WHATSAPP, Channel.LETTER);
  private static final List<Channel> WRITTEN_ORDER =
      List.of(Channel.EMAIL, Channel.WHATSAPP, Channel.LETTER);
  private static final List<Channel> FOLLOW_UP_ORDER =
      List.of(Channel.PHONE, Channel.IN_PERSON, Channel.EMAIL, Channel.WHATSAPP, Channel.LETTER);

  private final PolicySettings settings;
  private final GoalRules goalRules;
  private final DueDates dueDates;

  public ChannelPolicy(PolicySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.goalRules = new GoalRules(settings);
    this.dueDates = new DueDates(settings);
  }

  public PolicySettings settings() {
    return settings;
  }

  /** The first outreach for a fresh cancellation: {@code decide(..., Attempt.first(history), now)}. */
  public Decision decide(CancellationEvent cancellation, CustomerRelationship customer,
      ContactHistory history, Instant now) {
    return decide(cancellation, customer, Attempt.first(history), now);
  }

  /**
   * One outreach of a case.
   * <ul>
   *   <li>First contact: the preferred channel (in person, else phone, else written), falling to
   *       the next one when the preferred one is not eligible.
   *   <li>Retry after NOT_REACHED: the same channel again, falling to gentler ones (never to a more
   *       direct one) when it may not be used any more, e.g. the account manager left.
   *   <li>Follow-up after no answer: a channel of another family (phone, then in person, after a
   *       written one).
   *   <li>Next written after a failed delivery: the next written channel, email, WhatsApp, letter.
   *   <li>The customer's wish for a call or a visit: that channel, at once, first in the rationale; not refused
   *       for lack of attempts, nor for an earlier negative response or an earlier use of the channel in the case,
   *       but never without consent and contact data or after the contract ended (then the reason says the wish
   *       could not be honoured). After a wish for writing only, every later attempt is written.
   * </ul>
   * A channel already used in the case is not used again (a retry may use its own channel), a
   * customer who responded negatively to personal approaches is not called, and when no contact
   * window is left before the contract ends, only a written outreach with the goal FEEDBACK is made.
   */
  public Decision decide(CancellationEvent cancellation, CustomerRelationship customer, Attempt attempt,
      Instant now) {
    Objects.requireNonNull(customer, "customer");
    Decision.Suppress doNotContact = doNotContact(customer, attempt.history());
    if (doNotContact != null) {
      return doNotContact;
    }
    boolean wish = attempt.kind() == Attempt.Kind.CUSTOMER_WISH;
    // The customer's own request for a call or a visit is no attempt of ours to reach them: never refused for
    // lack of attempts. Its own retries and follow-ups count against the budget as usual.
    if (!wish && attempt.number() > settings.maxAttempts()) {
      String reason = "all " + settings.maxAttempts() + " attempt(s) of the case are used";
      return new Decision.Suppress(Decision.Suppress.Ground.ATTEMPTS_USED, reason,
          List.of(new Rationale(RuleIds.SUPPRESS_ATTEMPTS_USED, reason)));
    }
    ZoneId zone = DueDates.zoneOf(customer.getTimezone());
    boolean contractEnded = !dueDates.windowBeforeContractEnd(now, zone, cancellation.getEffectiveAt());

    List<Rationale> why = new ArrayList<>();
    if (wish) {
      // What the customer asked for comes first: it is why there is this outreach at all.
      why.add(attempt.history().wish().rationale());
    }
    GoalChoice goal = goal(cancellation, customer, attempt, contractEnded);
    why.add(goal.rationale());
    attemptLine(attempt).ifPresent(why::add);
    boolean writtenOnly = attempt.history().wish() == CustomerWish.WRITTEN_ONLY;
    if (writtenOnly) {
      why.add(CustomerWish.WRITTEN_ONLY.rationale());
    }
    List<Channel> candidates = candidates(cancellation, customer, attempt, why);
    if (writtenOnly) {
      candidates = candidates.stream().filter(channel -> ChannelFamily.of(channel) == ChannelFamily.WRITTEN).toList();
    }
    if (contractEnded) {
      // The talk was meant to happen while the customer still is one; afterwards only a letter or
      // message the customer can answer at their own pace, to understand the reason.
      candidates = candidates.stream().filter(channel -> ChannelFamily.of(channel) == ChannelFamily.WRITTEN).toList();
      why.add(new Rationale(RuleIds.PREFER_WRITTEN_CONTRACT_ENDED,
          "the contract has ended before the next contact window: in writing only"));
    }
    ChannelSelection.Result selection = ChannelSelection.firstUsable(candidates, customer, selectionHistory(attempt),
        wish);
    why.addAll(selection.rationale());
    if (selection.channel().isEmpty() && wish) {
      return wishNotHonoured(attempt.history().wish(), contractEnded, selection, why);
    }
    if (selection.channel().isEmpty()) {
      why.add(new Rationale(RuleIds.SUPPRESS_NO_ELIGIBLE_CHANNEL, NO_ELIGIBLE_CHANNEL));
      return new Decision.Suppress(Decision.Suppress.Ground.NO_ELIGIBLE_CHANNEL, NO_ELIGIBLE_CHANNEL, why);
    }
    Channel channel = selection.channel().get();
    DueDate due = dueDates.schedule(channel, now, zone, cancellation.getEffectiveAt());
    why.addAll(due.rationale());
    String assignee = channel == Channel.IN_PERSON ? customer.getAccountManager().getId() : null;
    return new Decision.Contact(channel, goal.goal(), due.at(), assignee, why);
  }

  /**
   * The customer asked for a call or a visit that may not be made: no consent or contact data for it, or the
   * contract has ended (no call or visit afterwards). Nobody is contacted on it; the reason names why.
   */
  private static Decision.Suppress wishNotHonoured(CustomerWish wish, boolean contractEnded,
      ChannelSelection.Result selection, List<Rationale> why) {
    String because = contractEnded || selection.rationale().isEmpty()
        ? "the contract has ended before the next contact window, only a written outreach may follow"
        : selection.rationale().get(selection.rationale().size() - 1).reason();
    String reason = wish.rationale().reason() + ", which cannot be honoured: " + because;
    why.add(new Rationale(RuleIds.CUSTOMER_WISH_NOT_HONOURED, "the customer's wish cannot be honoured: " + because));
    return new Decision.Suppress(Decision.Suppress.Ground.NO_ELIGIBLE_CHANNEL, reason, why);
  }

  /** WIN_BACK or FEEDBACK; {@link #goalChoice} also gives the rule that decided it. */
  public Goal goal(CancellationEvent cancellation, CustomerRelationship customer) {
    return goalChoice(cancellation, customer).goal();
  }

  /** The goal with its rationale entry, as the first contact would have it on today's data. */
  public GoalChoice goalChoice(CancellationEvent cancellation, CustomerRelationship customer) {
    return goalRules.choose(cancellation, customer);
  }

  /**
   * After the contract has ended, only FEEDBACK. A later attempt keeps the case's goal; when
   * today's data would choose the same one, its rule is named, otherwise that the case keeps it.
   */
  private GoalChoice goal(CancellationEvent cancellation, CustomerRelationship customer, Attempt attempt,
      boolean contractEnded) {
    if (contractEnded) {
      return new GoalChoice(Goal.FEEDBACK, new Rationale(RuleIds.GOAL_FEEDBACK_CONTRACT_ENDED,
          "the contract has ended: aim to understand the reason, not to win back"));
    }
    GoalChoice today = goalRules.choose(cancellation, customer);
    if (attempt.caseGoal() == null || attempt.caseGoal() == today.goal()) {
      return today;
    }
    return new GoalChoice(attempt.caseGoal(), new Rationale(RuleIds.GOAL_KEPT,
        "the case keeps its goal: " + (attempt.caseGoal() == Goal.WIN_BACK ? "aim to win back" : "aim to understand the reason")));
  }

  private static Optional<Rationale> attemptLine(Attempt attempt) {
    return Optional.ofNullable(switch (attempt.kind()) {
      case FIRST_CONTACT -> null;
      case RETRY_NOT_REACHED -> new Rationale(RuleIds.FOLLOW_UP_RETRY_NOT_REACHED,
          "the customer was not reached on attempt " + (attempt.number() - 1) + ": one more try on the same channel");
      case FOLLOW_UP_NO_ANSWER -> attempt.history().wish() == CustomerWish.WRITTEN_ONLY
          ? new Rationale(RuleIds.FOLLOW_UP_OTHER_FAMILY, "no answer to the "
              + describe(ChannelFamily.of(attempt.previous())) + " outreach: one follow-up, in writing")
          : new Rationale(RuleIds.FOLLOW_UP_OTHER_FAMILY, "no answer to the "
              + describe(ChannelFamily.of(attempt.previous())) + " outreach: one follow-up on another channel family");
      case NEXT_WRITTEN -> new Rationale(RuleIds.NEXT_WRITTEN_DELIVERY_FAILED,
          "the written outreach could not be delivered: next written channel");
      case CUSTOMER_WISH -> null; // the wish's own line leads the rationale
    });
  }

  /** The channels to try, in order; a first contact adds the preference lines that ordered them. */
  private List<Channel> candidates(CancellationEvent cancellation, CustomerRelationship customer, Attempt attempt,
      List<Rationale> why) {
    return switch (attempt.kind()) {
      case FIRST_CONTACT -> {
        Preference preference = Preference.of(cancellation, customer, settings);
        why.addAll(preference.rationale());
        yield preference.candidates();
      }
      case RETRY_NOT_REACHED -> ESCALATION.subList(ESCALATION.indexOf(attempt.previous()), ESCALATION.size());
      // In writing only, as the customer asked: the follow-up is another written channel instead.
      case FOLLOW_UP_NO_ANSWER -> attempt.history().wish() == CustomerWish.WRITTEN_ONLY ? WRITTEN_ORDER
          : FOLLOW_UP_ORDER.stream()
              .filter(channel -> ChannelFamily.of(channel) != ChannelFamily.of(attempt.previous()))
              .toList();
      case NEXT_WRITTEN -> WRITTEN_ORDER;
      // Exactly what the customer asked for; nothing more direct, and not a written outreach they did not ask for.
      case CUSTOMER_WISH -> List.of(attempt.history().wish().channel().orElseThrow());
    };
  }

  /** A retry may use its own channel again; a follow-up or the next written channel never the previous one. */
  private static ContactHistory selectionHistory(Attempt attempt) {
    return switch (attempt.kind()) {
      case FIRST_CONTACT -> attempt.history();
      case RETRY_NOT_REACHED -> attempt.history().withChannelAvailable(attempt.previous());
      case FOLLOW_UP_NO_ANSWER, NEXT_WRITTEN -> attempt.history().withChannelUsed(attempt.previous());
      // The customer asks for it: a channel used before in the case may be used again.
      case CUSTOMER_WISH -> attempt.history().withChannelAvailable(attempt.history().wish().channel().orElseThrow());
    };
  }

  private static String describe(ChannelFamily family) {
    return switch (family) {
      case WRITTEN -> "written";
      case PHONE -> "phone";
      case IN_PERSON -> "in-person";
    };
  }

  private static Decision.Suppress doNotContact(CustomerRelationship customer, ContactHistory history) {
    if (customer.getDoNotContact()) {
      return suppress(RuleIds.SUPPRESS_DO_NOT_CONTACT, "the customer asked not to be contacted");
    }
    if (history.doNotContactRecorded()) {
      return suppress(RuleIds.SUPPRESS_DO_NOT_CONTACT_RECORDED,
          "an earlier outreach recorded that the customer does not want to be contacted");
    }
    return null;
  }

  private static Decision.Suppress suppress(String ruleId, String reason) {
    return new Decision.Suppress(Decision.Suppress.Ground.DO_NOT_CONTACT, reason, List.of(new Rationale(ruleId, reason)));
  }
}
