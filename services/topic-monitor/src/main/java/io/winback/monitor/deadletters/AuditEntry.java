package io.winback.monitor.deadletters;

/**
 * One redrive attempt, kept for the page and the API. Ids, places and the operator only: no key,
 * no value, no error text (which may quote data).
 *
 * @param outcome REDRIVEN, SKIPPED (already redriven), NOT_FOUND, REFUSED or FAILED
 * @param targetPartition / targetOffset where the record landed; -1 when it was not sent
 */
public record AuditEntry(
    String id,
    long at,
    String user,
    String dlqTopic,
    int dlqPartition,
    long dlqOffset,
    String outcome,
    String targetTopic,
    int targetPartition,
    long targetOffset,
    String note) {

  public static final String REDRIVEN = "REDRIVEN";
  public static final String SKIPPED = "SKIPPED";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String REFUSED = "REFUSED";
  public static final String FAILED = "FAILED";

  public boolean redriven() {
    return REDRIVEN.equals(outcome);
  }
}
