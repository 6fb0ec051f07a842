package io.winback.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived helper commands (initdb, psql, apt-get, id ...) run to completion with their output
 * captured, so a failure can say what the command printed.
 */
public final class Commands {

  /** What a finished command returned and printed (stdout and stderr interleaved). */
  public record Result(List<String> command, int exitCode, String output) {

    public boolean ok() {
      return exitCode == 0;
    }

    /** Throws with the command's output unless it exited 0. */
    public Result orThrow(String what) {
      if (!ok()) {
        throw new LocalRuntimeException(what + " failed (exit " + exitCode + "): " + String.join(" ", command)
            + (output.isBlank() ? "" : "\n" + output.strip()));
      }
      return this;
    }
  }

  private Commands() {
  }

  public static Result run(List<String> command, Duration timeout) {
    return run(command, null, Map.of(), null, timeout, null);
  }

  /**
   * Runs {@code command} in {@code directory} (null: this JVM's) with {@code environment} added (a
   * variable mapped to the empty string is removed instead) and {@code input} (null: none) on its
   * standard input.
   *
   * @param echo where to copy the output while it runs (null: nowhere), for long commands like apt-get
   */
  public static Result run(List<String> command, Path directory, Map<String, String> environment, String input,
      Duration timeout, PrintStream echo) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    environment.forEach((name, value) -> {
      if (value.isEmpty()) {
        builder.environment().remove(name);
      } else {
        builder.environment().put(name, value);
      }
    });
    if (input == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LocalRuntimeException("could not run " + command.get(0) + ": " + e.getMessage(), e);
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), captured, echo), "command-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (input != null) {
        try (OutputStream stdin = process.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedEarly) {
          // the command exited without reading all of it; its exit code tells
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        reader.join(1_000);
        throw new LocalRuntimeException(String.join(" ", command) + " did not finish within "
            + timeout.toSeconds() + " s:\n" + text(captured));
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LocalRuntimeException("interrupted while running " + command.get(0), e);
    }
    return new Result(List.copyOf(command), process.exitValue(), text(captured));
  }

  private static String text(ByteArrayOutputStream captured) {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream captured, PrintStream echo) {
    byte[] buffer = new byte[8192];
    try (in) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        synchronized (captured) {
          captured.write(buffer, 0, read);
        }
        if (echo != null) {
          echo.write(buffer, 0, read);
          echo.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
