package io.winback.processor.privacy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the processor's changelog topics are compacted so that an overwritten or deleted value (an
 * erased customer's relationship, a case file before its free text was removed, a key before its
 * erasure marker) is physically gone from the broker within the erasure deadline D
 * ({@code winback.privacy.erasure-deadline}).
 *
 * <p>The arithmetic. A record becomes removable only once a later record with the same key (the
 * erasure) is outside the active segment and the log cleaner has cleaned the partition. Let the
 * erasure be written at t into the active segment, whose first record is from t or earlier.
 * <ul>
 *   <li>The broker rolls a segment on the first append after its first record is
 *       min({@code segment.ms}, {@code max.compaction.lag.ms}) = D/4 old. The processor appends to
 *       every such changelog partition at least every D/8 ({@link #rollInterval()}: a tombstone of a
 *       key no record has), so the erasure's segment rolls by t + D/4 + D/8.
 *   <li>The erasure is then dirty and older than {@code max.compaction.lag.ms} (D/4), so the
 *       partition must be cleaned at once, whatever its dirty ratio: the cleaner looks every
 *       {@code log.cleaner.backoff.ms} (15 s by default) and rewrites the partition without the
 *       superseded values; the old segment files are deleted after {@code file.delete.delay.ms}
 *       (here at most 60 s).
 *   <li>So the old value is gone by t + 3D/8 plus the cleaner's own time (seconds to minutes),
 *       which leaves 5D/8 (15 h of a 24 h deadline) for a cleaner that is busy with other logs.
 * </ul>
 * {@code delete.retention.ms} (D/4) is how long a tombstone itself stays after cleaning: it holds
 * no personal data, and a store restoring from the changelog meanwhile still sees the delete.
 * {@code min.cleanable.dirty.ratio} 0.1 lets the cleaner take a partition earlier than the lag
 * forces it to, keeping the average life of an old value well below the bound.
 *
 * <p>The same rolls go to the task's partition of winback.keys.v1 (whose own compaction settings
 * are the catalogue's, {@code Topics.KEYS}): there too the erasure marker must leave the active
 * segment before the key it supersedes can be cleaned away.
 *
 * <p>These are Kafka Streams' {@code topic.}-prefixed settings: they apply when Streams creates a
 * changelog. Changelogs created before need them set once, e.g. with {@code kafka-configs --alter}.
 */
public record ChangelogCompaction(Duration erasureDeadline) {

  static final String MIN_CLEANABLE_DIRTY_RATIO = "0.1";
  static final Duration LONGEST_FILE_DELETE_DELAY = Duration.ofSeconds(60);
  private static final Duration SHORTEST_ROLL_INTERVAL = Duration.ofSeconds(1);

  public ChangelogCompaction {
    Objects.requireNonNull(erasureDeadline, "erasureDeadline");
    if (erasureDeadline.isNegative() || erasureDeadline.isZero()) {
      throw new IllegalArgumentException("the erasure deadline must be positive");
    }
  }

  /** segment.ms and max.compaction.lag.ms: a quarter of the deadline. */
  public Duration segment() {
    return erasureDeadline.dividedBy(4);
  }

  public Duration maxCompactionLag() {
    return segment();
  }

  public Duration deleteRetention() {
    return segment();
  }

  /** At most 60 s, and no more than a sixteenth of a (short) deadline. */
  public Duration fileDeleteDelay() {
    Duration sixteenth = erasureDeadline.dividedBy(16);
    return sixteenth.compareTo(LONGEST_FILE_DELETE_DELAY) < 0 ? sixteenth : LONGEST_FILE_DELETE_DELAY;
  }

  /** How often every changelog partition that can hold personal data gets a record: an eighth of the deadline. */
  public Duration rollInterval() {
    Duration eighth = erasureDeadline.dividedBy(8);
    return eighth.compareTo(SHORTEST_ROLL_INTERVAL) < 0 ? SHORTEST_ROLL_INTERVAL : eighth;
  }

  /** The latest an old value can be on the broker after its erasure, before the cleaner's own work. */
  public Duration bound() {
    return segment().plus(rollInterval()).plus(fileDeleteDelay());
  }

  /** The Kafka Streams settings: topic configs of the changelogs Streams creates. */
  public Map<String, Object> streamsConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG), millis(segment()));
    config.put(StreamsConfig.topicPrefix(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG), millis(maxCompactionLag()));
    config.put(StreamsConfig.topicPrefix(TopicConfig.DELETE_RETENTION_MS_CONFIG), millis(deleteRetention()));
    config.put(StreamsConfig.topicPrefix(TopicConfig.FILE_DELETE_DELAY_MS_CONFIG), millis(fileDeleteDelay()));
    config.put(StreamsConfig.topicPrefix(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG), MIN_CLEANABLE_DIRTY_RATIO);
    return config;
  }

  private static String millis(Duration duration) {
    return Long.toString(Math.max(1, duration.toMillis()));
  }
}
