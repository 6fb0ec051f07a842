package io.winback.cli.chaos;

import io.winback.schemas.topics.TopicSpec;

/**
 * One poison record of the plan: where it goes, what is wrong with it, and after how many valid
 * cancellations it is fed.
 */
public record Poison(int number, TopicSpec<?, ?> topic, Kind kind, int afterCancellation) {

  public enum Kind {
    /** Bytes that are no Avro single-object encoding at all. */
    UNDECODABLE,
    /** A valid encoding of another record type (a relationship on the cancellations topic, say). */
    WRONG_SCHEMA,
    /** A valid record of the right type whose content is nonsense: a blank id, a key that is not its customer ... */
    NONSENSE
  }

  /** The record key: never a real customer's id. */
  public String key() {
    return "POISON-" + number;
  }
}
