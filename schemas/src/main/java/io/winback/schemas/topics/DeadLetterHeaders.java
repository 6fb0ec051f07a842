package io.winback.schemas.topics;

/**
 * The headers every service puts on a record it sends to {@code winback.dlq.v1}, next to the
 * original key, value and headers. Operators read them in the topic monitor; redrive uses the
 * source topic.
 */
public final class DeadLetterHeaders {

  public static final String PREFIX = "winback.dlq.";
  public static final String SOURCE_TOPIC = PREFIX + "source-topic";
  public static final String SOURCE_PARTITION = PREFIX + "source-partition";
  public static final String SOURCE_OFFSET = PREFIX + "source-offset";
  public static final String ERROR_CLASS = PREFIX + "error-class";
  public static final String ERROR_MESSAGE = PREFIX + "error-message";
  /** ISO-8601 instant the record was dead-lettered. */
  public static final String FAILED_AT = PREFIX + "failed-at";
  /** The service that gave up on it, e.g. churn-processor. */
  public static final String SERVICE = PREFIX + "service";
  /** The case a dead letter is about, when it is about one (e.g. a case whose timer keeps failing). */
  public static final String CASE_ID = PREFIX + "case-id";

  /**
   * Present when the value is sealed with the key of the customer the record is keyed by
   * ({@code customer-key}, see {@code io.winback.schemas.privacy.DeadLetterSeals}); absent when the
   * value is the original bytes in the clear (no customer to seal them for).
   */
  public static final String SEALED = PREFIX + "sealed";

  /**
   * Present when the record had a value that the dead letter does not carry: the value could hold
   * a customer's personal data, it could not be sealed, and it is never kept in the clear. The
   * header's value says why, as one of the codes below (the processor and the desk write the same ones).
   * Such a dead letter cannot be revealed or redriven; its other headers still say what failed.
   */
  public static final String VALUE_DROPPED = PREFIX + "value-dropped";
  /** The record's key names no customer (none, or blank): there is no customer key to seal it with. */
  public static final String DROPPED_NO_CUSTOMER_ID = "no-customer-id";
  /** The customer the record is keyed by was erased: their key is gone, and so is whatever was theirs. */
  public static final String DROPPED_CUSTOMER_ERASED = "customer-erased";
  /** The writer holds no key for that customer (not yet made, or not yet read): it never keeps a value it cannot seal. */
  public static final String DROPPED_CUSTOMER_KEY_UNKNOWN = "customer-key-unknown";
  /** The source topic is not keyed by customer (the case topic, the keys topic), so no customer key applies. */
  public static final String DROPPED_NOT_CUSTOMER_KEYED = "not-customer-keyed";

  private DeadLetterHeaders() {}
}
