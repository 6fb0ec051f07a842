package io.winback.policy;

import io.winback.events.Channel;
import java.util.EnumSet;
import java.util.Set;

/**
 * What Winback knows of earlier contact with this customer.
 *
 * @param doNotContactRecorded   an earlier outreach ended with DO_NOT_CONTACT for this customer
 * @param channelsUsedInThisCase channels already tried in the current case (never tried twice)
 * @param wish                   the way the customer asked to be contacted in this case; null when they did not say
 */
public record ContactHistory(boolean doNotContactRecorded, Set<Channel> channelsUsedInThisCase, CustomerWish wish) {

  public ContactHistory {
    channelsUsedInThisCase = channelsUsedInThisCase == null || channelsUsedInThisCase.isEmpty()
        ? Set.of()
        : Set.copyOf(EnumSet.copyOf(channelsUsedInThisCase));
  }

  /** Without a wish of the customer, as every history was before they could state one. */
  public ContactHistory(boolean doNotContactRecorded, Set<Channel> channelsUsedInThisCase) {
    this(doNotContactRecorded, channelsUsedInThisCase, null);
  }

  /** This history with the customer's wish for the case. */
  public ContactHistory withWish(CustomerWish customerWish) {
    return new ContactHistory(doNotContactRecorded, channelsUsedInThisCase, customerWish);
  }

  /** No earlier contact at all: the state of a fresh case. */
  public static ContactHistory none() {
    return new ContactHistory(false, Set.of());
  }

  /** This history plus one more channel used in the case. */
  public ContactHistory withChannelUsed(Channel channel) {
    EnumSet<Channel> used = EnumSet.of(channel);
    used.addAll(channelsUsedInThisCase);
    return new ContactHistory(doNotContactRecorded, used, wish);
  }

  /** This history without one channel: it may be used again (a retry on the same channel). */
  public ContactHistory withChannelAvailable(Channel channel) {
    EnumSet<Channel> used = EnumSet.noneOf(Channel.class);
    used.addAll(channelsUsedInThisCase);
    used.remove(channel);
    return new ContactHistory(doNotContactRecorded, used, wish);
  }

  /** Whether the channel was already tried in this case. */
  public boolean used(Channel channel) {
    return channelsUsedInThisCase.contains(channel);
  }
}
