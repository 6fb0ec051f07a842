package io.winback.local;

/** Something the local runtime needs (binaries, a port, a server) is missing or failed; the message says what to do. */
public class LocalRuntimeException extends RuntimeException {

  public LocalRuntimeException(String message) {
    super(message);
  }

  public LocalRuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
