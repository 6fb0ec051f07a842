package io.winback.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs the winback command line in-process against a broker and captures what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String bootstrapServers, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Winback.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--bootstrap-servers=" + bootstrapServers);
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new CliRun(exit, out.toString(), err.toString());
  }

  List<String> outLines() {
    return out.isBlank() ? List.of() : out.lines().toList();
  }
}
