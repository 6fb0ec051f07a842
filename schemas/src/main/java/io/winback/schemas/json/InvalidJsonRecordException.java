package io.winback.schemas.json;

/** A JSON document that does not fit the topic's schema: which field, and why. */
public class InvalidJsonRecordException extends RuntimeException {

  private final String field;
  private final String reason;

  public InvalidJsonRecordException(String field, String reason) {
    super((field == null || field.isEmpty() ? "record" : "field " + field) + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The field's path, e.g. {@code consent.email} or {@code rationale[0].ruleId}; empty for the whole record. */
  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
