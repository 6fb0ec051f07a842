package io.winback.cli;

/** A failure the user can act on: its message is printed as is, without a stack trace. */
public class CommandFailure extends RuntimeException {

  /** Bad input: some lines were rejected. */
  public static final int INVALID_INPUT = 1;
  /** The command line itself is wrong: an unknown option or setting, a bad value (picocli's own code for it). */
  public static final int USAGE = 2;
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
