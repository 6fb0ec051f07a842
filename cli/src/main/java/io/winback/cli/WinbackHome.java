package io.winback.cli;

import java.nio.file.Path;

/** The repository root: set by the ./winback script, else the working directory. */
public final class WinbackHome {

  private WinbackHome() {}

  public static Path directory() {
    String home = System.getenv("WINBACK_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }
}
