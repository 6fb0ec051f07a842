package io.winback.cli.broker;

/** The local broker could not be started or did not become ready. */
public class LocalBrokerException extends RuntimeException {

  public LocalBrokerException(String message) {
    super(message);
  }

  public LocalBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
