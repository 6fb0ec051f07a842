package io.winback.processor.topology;

/** The processor's state stores. Their changelogs are internal topics named after the application id. */
public final class StoreNames {

  /** caseId to the case's public state. Lives in the partition of the case's customer. */
  public static final String CASES = "cases";
  /** caseId to the cancellation that opened it. */
  public static final String CASE_CANCELLATIONS = "case-cancellations";
  /** customerId to the caseIds of that customer. */
  public static final String CUSTOMER_CASES = "customer-cases";
  /** customerId to the CRM relationship (personal data: removed on a CRM tombstone). */
  public static final String RELATIONSHIPS = "relationships";
  /** customerId of customers who asked not to be contacted, to when they asked. */
  public static final String DO_NOT_CONTACT = "do-not-contact";
  /** Pending timers, keyed so that a range scan yields the due ones in time order. */
  public static final String TIMERS = "timers";
  /** caseId to case, partitioned by caseId (from winback.cases.v1), for queries by caseId. */
  public static final String CASES_BY_ID = "cases-by-id";

  private StoreNames() {}
}
