package io.winback.system;

import io.winback.cli.Winback;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code ./winback} command line, run in this JVM as an operator would run it, its output captured. */
final class WinbackCli {

  record Run(int exit, String out, String err) {}

  private WinbackCli() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Winback.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Run(commandLine.execute(args), out.toString(), err.toString());
  }
}
