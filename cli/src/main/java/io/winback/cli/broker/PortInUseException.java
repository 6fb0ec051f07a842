package io.winback.cli.broker;

/** A port the local broker needs is already taken, most likely by a broker that is still running. */
public class PortInUseException extends LocalBrokerException {

  private final int port;

  public PortInUseException(String message, int port) {
    super(message);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
