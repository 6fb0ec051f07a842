package io.winback.cli.chaos;

/**
 * One fault of the schedule: what, to whom, and once how many valid cancellations have been fed.
 *
 * @param target the processor instance (0 or 1) for {@link Kind#KILL_PROCESSOR}; else 0
 */
public record Fault(Kind kind, int target, int atCancellation) {

  public enum Kind {
    /** SIGKILL to a processor instance, then started again as an orchestrator would. */
    KILL_PROCESSOR,
    /** The broker shut down cleanly (SIGTERM) and started again. */
    RESTART_BROKER,
    /** SIGKILL to the broker, then started again (log recovery of an unclean shutdown). */
    KILL_BROKER,
    /** The SMTP server stops taking connections for a while. */
    SMTP_OUTAGE,
    /** PostgreSQL fast shutdown and start: every open connection of the desks breaks. */
    RESTART_POSTGRES
  }

  public String describe() {
    return switch (kind) {
      case KILL_PROCESSOR -> "SIGKILL to processor-" + (char) ('a' + target);
      case RESTART_BROKER -> "clean restart of the broker";
      case KILL_BROKER -> "SIGKILL to the broker";
      case SMTP_OUTAGE -> "SMTP server down";
      case RESTART_POSTGRES -> "restart of PostgreSQL";
    };
  }
}
