package io.winback.monitor.lag;

/**
 * One look at a consumer group's position on one partition.
 *
 * @param at when the sample was taken, epoch milliseconds
 * @param committed the group's committed offset (the next record it will read)
 * @param end the partition's log-end offset at the same time
 * @param pending whether at least one record a read_committed consumer would get lies between
 *     {@code committed} and {@code end}. A transactional producer leaves commit markers behind;
 *     a consumer that committed right after the last record but before the marker shows a lag of
 *     one forever while nothing is left to read. Such a lag is real to Kafka's tools (and reported)
 *     but is not a backlog, so the evaluator must not alarm on it.
 * @param membersActive whether the group had at least one live member: the stand-in for "commits
 *     still arrive", since committed offsets carry no commit time in the Admin API
 */
public record OffsetSample(long at, long committed, long end, boolean pending, boolean membersActive) {

  /** Records between the committed offset and the end, as Kafka's tools count them. */
  public long lag() {
    return Math.max(0, end - committed);
  }

  /** The lag the evaluator judges: zero when nothing consumable is waiting. */
  public long backlog() {
    return pending ? lag() : 0;
  }
}
