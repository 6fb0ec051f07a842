package io.winback.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "winback", mixinStandardHelpOptions = true, version = "winback 0.1.0",
    description = "Runs Winback locally and talks to its topics.",
    subcommands = {UpCommand.class, ProduceCommand.class, TailCommand.class, TopicsCommand.class,
        io.winback.cli.bench.BenchCommand.class, io.winback.cli.chaos.ChaosCommand.class,
        io.winback.cli.privacy.PrivacyCommand.class, io.winback.cli.replay.ReplayCommand.class})
public class Winback {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; the tests call this. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Winback());
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      if (error instanceof CommandFailure failure) {
        cmd.getErr().println("winback " + cmd.getCommandName() + ": " + failure.getMessage());
        cmd.getErr().flush();
        return failure.exitCode();
      }
      throw error;
    });
    return commandLine;
  }
}
