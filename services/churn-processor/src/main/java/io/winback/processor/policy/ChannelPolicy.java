package io.winback.processor.policy;

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
 * <p>A pure function of its inputs: the time comes in as {@code now}, nothing is read or written.
 */
public final class ChannelPolicy {

  static final String NO_ELIGIBLE_CHANNEL = "no channel with consent and contact data";

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

  /**
   * The first outreach for a fresh cancellation: the preferred channel (in person, else phone,
   * else written), falling to the next one when the preferred one is not eligible. A fall to phone
   * skips phone for a customer who responded negatively to personal approaches, and a channel
   * already used in the case is not used again.
   */
  public Decision decide(CancellationEvent cancellation, CustomerRelationship customer,
      ContactHistory history, Instant now) {
    Optional<Decision.Suppress> doNotContact = doNotContact(customer, history);
    if (doNotContact.isPresent()) {
      return doNotContact.get();
    }
    Preference preference = Preference.of(cancellation, customer, settings);
    ChannelSelection.Result selection =
        ChannelSelection.firstUsable(preference.candidates(), customer, history);
    if (selection.channel().isEmpty()) {
      List<Rationale> rationale = new ArrayList<>(preference.rationale());
      rationale.addAll(selection.rationale());
      rationale.add(new Rationale(RuleIds.SUPPRESS_NO_ELIGIBLE_CHANNEL, NO_ELIGIBLE_CHANNEL));
      return new Decision.Suppress(NO_ELIGIBLE_CHANNEL, rationale);
    }
    List<Rationale> why = new ArrayList<>(preference.rationale());
    why.addAll(selection.rationale());
    return contact(cancellation, customer, selection.channel().get(), why, now);
  }

  /**
   * After no answer to an outreach: at most one follow-up, on the next eligible channel of another
   * family (phone, then in person, after a written one), never on a channel already used in the
   * case, and no phone call for a customer who responded negatively to personal approaches.
   *
   * @param attemptsSoFar outreach attempts made in this case; at {@code maxAttempts} there is none
   * @return empty when the attempt limit is reached, the customer is not to be contacted, or no
   *     channel of another family is eligible
   */
  public Optional<Decision.Contact> followUp(CancellationEvent cancellation,
      CustomerRelationship customer, ContactHistory history, Channel previous, int attemptsSoFar,
      Instant now) {
    Objects.requireNonNull(previous, "previous");
    if (attemptsSoFar >= settings.maxAttempts() || doNotContact(customer, history).isPresent()) {
      return Optional.empty();
    }
    ChannelFamily previousFamily = ChannelFamily.of(previous);
    List<Channel> candidates = FOLLOW_UP_ORDER.stream()
        .filter(channel -> ChannelFamily.of(channel) != previousFamily)
        .toList();
    ChannelSelection.Result selection =
        ChannelSelection.firstUsable(candidates, customer, history.withChannelUsed(previous));
    List<Rationale> why = new ArrayList<>();
    why.add(new Rationale(RuleIds.FOLLOW_UP_OTHER_FAMILY,
        "no answer to the " + describe(previousFamily)
            + " outreach: one follow-up on another channel family"));
    why.addAll(selection.rationale());
    return selection.channel().map(channel -> contact(cancellation, customer, channel, why, now));
  }

  /**
   * After a written outreach could not be delivered: the next eligible written channel not yet
   * used, in the order email, WhatsApp, letter. The failed channel must be in
   * {@code history.channelsUsedInThisCase()}, otherwise it would be chosen again.
   */
  public Optional<Decision.Contact> nextWrittenChannel(CancellationEvent cancellation,
      CustomerRelationship customer, ContactHistory history, Instant now) {
    if (doNotContact(customer, history).isPresent()) {
      return Optional.empty();
    }
    ChannelSelection.Result selection =
        ChannelSelection.firstUsable(WRITTEN_ORDER, customer, history);
    List<Rationale> why = new ArrayList<>();
    why.add(new Rationale(RuleIds.NEXT_WRITTEN_DELIVERY_FAILED,
        "the written outreach could not be delivered: next written channel"));
    why.addAll(selection.rationale());
    return selection.channel().map(channel -> contact(cancellation, customer, channel, why, now));
  }

  /** WIN_BACK or FEEDBACK; {@link #goalChoice} also gives the rule that decided it. */
  public Goal goal(CancellationEvent cancellation, CustomerRelationship customer) {
    return goalChoice(cancellation, customer).goal();
  }

  /** The goal with its rationale entry. */
  public GoalChoice goalChoice(CancellationEvent cancellation, CustomerRelationship customer) {
    return goalRules.choose(cancellation, customer);
  }

  // Rationale order on every task: goal, then why this channel, then when it is due.
  private Decision.Contact contact(CancellationEvent cancellation, CustomerRelationship customer,
      Channel channel, List<Rationale> channelRationale, Instant now) {
    GoalChoice goal = goalChoice(cancellation, customer);
    ZoneId zone = DueDates.zoneOf(customer.getTimezone());
    DueDate due = dueDates.schedule(channel, now, zone, cancellation.getEffectiveAt());
    List<Rationale> rationale = new ArrayList<>();
    rationale.add(goal.rationale());
    rationale.addAll(channelRationale);
    rationale.addAll(due.rationale());
    String assignee = channel == Channel.IN_PERSON ? customer.getAccountManager().getId() : null;
    return new Decision.Contact(channel, goal.goal(), due.at(), assignee, rationale);
  }

  private static String describe(ChannelFamily family) {
    return switch (family) {
      case WRITTEN -> "written";
      case PHONE -> "phone";
      case IN_PERSON -> "in-person";
    };
  }

  private static Optional<Decision.Suppress> doNotContact(
      CustomerRelationship customer, ContactHistory history) {
    if (customer.getDoNotContact()) {
      return Optional.of(suppress(RuleIds.SUPPRESS_DO_NOT_CONTACT,
          "the customer asked not to be contacted"));
    }
    if (history.doNotContactRecorded()) {
      return Optional.of(suppress(RuleIds.SUPPRESS_DO_NOT_CONTACT_RECORDED,
          "an earlier outreach recorded that the customer does not want to be contacted"));
    }
    return Optional.empty();
  }

  private static Decision.Suppress suppress(String ruleId, String reason) {
    return new Decision.Suppress(reason, List.of(new Rationale(ruleId, reason)));
  }
}
