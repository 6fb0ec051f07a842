package io.winback.processor.topology;

import java.util.List;

/** The processor's state stores. Their changelogs are internal topics named after the application id. */
public final class StoreNames {

  /**
   * caseId to the case file: the case's public state and the cancellation that opened it. Lives in
   * the partition of the case's customer, so a query by caseId alone asks every instance.
   */
  public static final String CASES = "cases";
  /** customerId to the caseIds of that customer. */
  public static final String CUSTOMER_CASES = "customer-cases";
  /** customerId to the CRM relationship (personal data: removed on a CRM tombstone). */
  public static final String RELATIONSHIPS = "relationships";
  /** customerId of customers who asked not to be contacted, to when they asked. */
  public static final String DO_NOT_CONTACT = "do-not-contact";
  /** Pending timers, keyed so that a range scan yields the due ones in time order. */
  public static final String TIMERS = "timers";
  /**
   * customerId to the customer's own key (winback.keys.v1's value), or to the marker without key
   * bytes once the customer is erased. In memory (restored from its changelog): no key ever on
   * the processor's disk.
   */
  public static final String CUSTOMER_KEYS = "customer-keys";

  /**
   * The stores whose values can hold personal data or a key: the old values in their changelogs
   * must be gone within the erasure deadline (see {@code ChangelogCompaction}).
   */
  public static final List<String> PERSONAL = List.of(CASES, RELATIONSHIPS, CUSTOMER_KEYS);

  private StoreNames() {}
}
