package io.winback.processor.intake;

/** Schema-valid nonsense: a record that decodes but cannot be a real event. */
public class InvalidInputException extends RuntimeException {

  public InvalidInputException(String message) {
    super(message);
  }
}
