package io.winback.cli.chaos;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.rules.ChannelConsent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the chaos run fed, and when the broker acknowledged it: the checks hold the system's output
 * against this. Only ids, channel permissions and instants; no personal data. Thread-safe (the
 * producer's callbacks fill in the acknowledgements).
 */
final class Ledger {

  /** Where a record landed. */
  record Coordinates(String topic, int partition, long offset) {}

  /**
   * One version of a customer's CRM record, reduced to what the checks need.
   *
   * @param sentAt  when it was handed to the producer: nobody can have seen it before
   * @param allowed bit per {@link Channel} ordinal that the consent allows; none if the customer asked
   *                not to be contacted
   */
  record CrmVersion(long sentAt, long ackedAt, int allowed) {

    static int allowedChannels(CustomerRelationship relationship) {
      if (relationship.getDoNotContact()) {
        return 0;
      }
      int allowed = 0;
      for (Channel channel : Channel.values()) {
        if (ChannelConsent.allows(relationship.getConsent(), channel)) {
          allowed |= 1 << channel.ordinal();
        }
      }
      return allowed;
    }

    boolean allows(Channel channel) {
      return (allowed & (1 << channel.ordinal())) != 0;
    }

    CrmVersion acked(long at) {
      return new CrmVersion(sentAt, at, allowed);
    }
  }

  /** A valid cancellation: the run expects exactly one case for it. */
  static final class Cancellation {
    final String eventId;
    final String customerId;
    final Treatment treatment;
    final long sentAt;
    volatile long ackedAt;

    Cancellation(String eventId, String customerId, Treatment treatment, long sentAt) {
      this.eventId = eventId;
      this.customerId = customerId;
      this.treatment = treatment;
      this.sentAt = sentAt;
    }
  }

  private final Map<String, Cancellation> cancellations = new ConcurrentHashMap<>();
  private final Map<String, List<CrmVersion>> crm = new ConcurrentHashMap<>();
  private final Map<String, Long> withdrawnCancellations = new ConcurrentHashMap<>();
  private final Map<Coordinates, Poison> poison = new ConcurrentHashMap<>();
  private final AtomicLong duplicatesAcked = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();

  void cancellationSent(Cancellation cancellation) {
    cancellations.put(cancellation.eventId, cancellation);
  }

  void cancellationAcked(String eventId, long at) {
    Cancellation cancellation = cancellations.get(eventId);
    if (cancellation != null && cancellation.ackedAt == 0) {
      cancellation.ackedAt = at;
    }
  }

  /** Returns the version's index in the customer's history, for {@link #crmAcked}. */
  int crmSent(String customerId, CrmVersion version) {
    List<CrmVersion> versions = crm.computeIfAbsent(customerId, id -> new ArrayList<>(1));
    synchronized (versions) {
      versions.add(version);
      return versions.size() - 1;
    }
  }

  void crmAcked(String customerId, int index, long at) {
    List<CrmVersion> versions = crm.get(customerId);
    synchronized (versions) {
      CrmVersion version = versions.get(index);
      if (version.ackedAt() == 0) {
        versions.set(index, version.acked(at));
      }
    }
  }

  void cancellationWithdrawalAcked(String customerId, long at) {
    withdrawnCancellations.putIfAbsent(customerId, at);
  }

  void poisonAcked(Coordinates where, Poison what) {
    poison.put(where, what);
  }

  void duplicateAcked() {
    duplicatesAcked.incrementAndGet();
  }

  void sendFailed() {
    sendFailures.incrementAndGet();
  }

  Collection<Cancellation> cancellations() {
    return cancellations.values();
  }

  Cancellation cancellation(String eventId) {
    return cancellations.get(eventId);
  }

  /** The customer's CRM versions in the order they were sent; a copy. */
  List<CrmVersion> crm(String customerId) {
    List<CrmVersion> versions = crm.get(customerId);
    if (versions == null) {
      return List.of();
    }
    synchronized (versions) {
      return List.copyOf(versions);
    }
  }

  boolean cancellationWithdrawn(String customerId) {
    return withdrawnCancellations.containsKey(customerId);
  }

  Map<Coordinates, Poison> poison() {
    return Map.copyOf(poison);
  }

  long duplicatesAcked() {
    return duplicatesAcked.get();
  }

  long sendFailures() {
    return sendFailures.get();
  }
}
