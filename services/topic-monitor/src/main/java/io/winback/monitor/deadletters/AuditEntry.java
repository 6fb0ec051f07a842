package io.winback.monitor.deadletters;

import java.util.Set;

/**
 * One audited action on a dead letter, kept for the page and the API: a redrive attempt, or a
 * reveal of its decoded payload. Ids, places and the operator only: no key, no value, no error
 * text (which may quote data).
 *
 * @param outcome a redrive's REDRIVEN, SKIPPED (already redriven), NOT_FOUND, REFUSED or FAILED;
 *     a reveal's REVEALED or REVEAL_NOT_FOUND
 * @param targetPartition / targetOffset where a redriven record landed; -1 when none was sent
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
  /** An operator was shown the decoded payload (or its raw bytes, when it could not be decoded). */
  public static final String REVEALED = "REVEALED";
  /** An operator asked to see a dead letter that is not there (never written, or aged out). */
  public static final String REVEAL_NOT_FOUND = "REVEAL_NOT_FOUND";

  public static final String REDRIVE = "REDRIVE";
  public static final String REVEAL = "REVEAL";

  /**
   * A reveal is kept in the letter's history on the audit topic as an attempt with an outcome of
   * its own: the schema's outcome is an open string for this, so instances of an older version
   * read, keep and ignore such entries, and "already redriven" (REDRIVEN only) stays as it was.
   */
  private static final Set<String> REVEAL_OUTCOMES = Set.of(REVEALED, REVEAL_NOT_FOUND);

  public boolean redriven() {
    return REDRIVEN.equals(outcome);
  }

  /** REDRIVE or REVEAL. */
  public String action() {
    return REVEAL_OUTCOMES.contains(outcome) ? REVEAL : REDRIVE;
  }
}
