package io.winback.cli;

/** A failure the user can act on: its message is printed as is, without a stack trace. */
public class CommandFailure extends RuntimeException {

  /** Bad input: some lines were rejected. */
  public static final int INVALID_INPUT = 1;
  /** No broker answered. */
  public static final int UNREACHABLE = 3;
  /** Anything else that stopped the command. */
  public static final int FAILED = 4;

  private final int exitCode;

  public CommandFailure(String message) {
    this(message, FAILED);
  }

  public CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
