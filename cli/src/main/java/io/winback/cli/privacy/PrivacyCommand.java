package io.winback.cli.privacy;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "privacy", mixinStandardHelpOptions = true,
    description = {
        "A customer's data protection rights: what Winback holds about them (export,",
        "the subject access report) and their erasure (erase). Both ask the churn",
        "processor and the outreach desk as a user with the role DATA_PROTECTION, and",
        "read Winback's own topics."},
    subcommands = {ExportCommand.class, EraseCommand.class})
public class PrivacyCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
