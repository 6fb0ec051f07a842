package io.winback.cli.bench;

import java.util.List;

/**
 * What the churn processor writes for a new case, measured from its records on a broker, so that
 * the floor baseline writes the same records at the same sizes. Per new case it writes four
 * records, no more (no repartition topic, no timer, no dead letter for the benchmark's reachable
 * customers):
 *
 * <ul>
 *   <li>the outreach task on its channel family's topic, keyed by customerId (21 bytes);</li>
 *   <li>the case on {@code winback.cases.v1}, keyed by caseId (41 bytes);</li>
 *   <li>the case file (state and cancellation) in the {@code cases} store, so on its changelog;</li>
 *   <li>the customer's list of caseIds in the {@code customer-cases} store, so on its changelog: it
 *       grows by one id per case (4 + 45 bytes per id), the floor keeps the real list.</li>
 * </ul>
 *
 * Value sizes are the means of a run of 235,000 cases (20,000 customers) of the processor at commit
 * 31dd63f, read with {@code kafka.tools.DumpLogSegments}; docs/benchmarks.md has the table. The
 * benchmark prints the processor's own figures of the same run next to the floor's, so a change
 * of the processor's records shows up there first.
 */
final class NewCaseWrites {

  /** One channel family's task: its share of the benchmark's tasks and its mean value size. */
  record TaskShape(String family, double share, int valueBytes) {}

  /** In the order of the task topics: written, phone, in person. */
  static final List<TaskShape> TASKS = List.of(
      new TaskShape("written", 0.57, 1_507),
      new TaskShape("phone", 0.24, 3_304),
      new TaskShape("in-person", 0.19, 3_417));

  /** The case on winback.cases.v1 (a WinbackCase in single-object Avro). */
  static final int CASE_UPDATE_BYTES = 183;

  /** The case file in the cases store (the case and the cancellation that opened it). */
  static final int CASE_FILE_BYTES = 315;

  private NewCaseWrites() {}

  /**
   * The channel family of the task of a case, from a hash of its id, in the shares of {@link #TASKS}:
   * the floor decides nothing, but spreads its tasks over the three topics as the processor does.
   *
   * @param hash any well-mixed hash of the case
   * @return the index into {@link #TASKS}
   */
  static int family(int hash) {
    double point = Math.floorMod(hash, 10_000) / 10_000.0;
    double upTo = 0;
    for (int i = 0; i < TASKS.size() - 1; i++) {
      upTo += TASKS.get(i).share();
      if (point < upTo) {
        return i;
      }
    }
    return TASKS.size() - 1;
  }
}
