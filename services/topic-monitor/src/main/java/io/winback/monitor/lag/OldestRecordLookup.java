package io.winback.monitor.lag;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/** Finds the first record a read_committed consumer would get from an offset on, and its timestamp. */
public interface OldestRecordLookup {

  /** Look from offset {@code from} (inclusive) up to the log end {@code end} (exclusive). */
  record Request(TopicPartition partition, long from, long end) {}

  enum Outcome {
    /** A record was found; its timestamp is the oldest unconsumed one. */
    FOUND,
    /** Only transaction markers or aborted records lie in the range: nothing to consume. */
    NONE,
    /** Not determined in time (an open transaction, a slow fetch); assume a real backlog. */
    UNKNOWN
  }

  record Oldest(Outcome outcome, long timestamp) {

    public static final Oldest NONE = new Oldest(Outcome.NONE, -1);
    public static final Oldest UNKNOWN = new Oldest(Outcome.UNKNOWN, -1);

    public static Oldest found(long timestamp) {
      return new Oldest(Outcome.FOUND, timestamp);
    }

    public boolean pending() {
      return outcome != Outcome.NONE;
    }

    public OptionalLong timestampIfFound() {
      return outcome == Outcome.FOUND ? OptionalLong.of(timestamp) : OptionalLong.empty();
    }
  }

  Map<Request, Oldest> lookup(Collection<Request> requests);
}
