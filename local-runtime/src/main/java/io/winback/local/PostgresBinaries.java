package io.winback.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs of this machine: {@code WINBACK_PG_BIN} if set, else the newest
 * {@code /usr/lib/postgresql/<major>/bin} (Debian's layout), else {@code pg_config --bindir}.
 * With none, root gets Debian's {@code postgresql} package installed; anyone else an error that
 * says what to install.
 *
 * @param bin   the directory holding initdb, postgres, psql and pg_isready
 * @param major the major version those programs are, e.g. 15
 */
public record PostgresBinaries(Path bin, int major) {

  public static final String BIN_ENV = "WINBACK_PG_BIN";
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final List<String> PROGRAMS = List.of("initdb", "postgres", "psql", "pg_isready");
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");

  public Path program(String name) {
    return bin.resolve(name);
  }

  /** The binaries to use, installing Debian's {@code postgresql} first if there are none and that is possible. */
  public static PostgresBinaries locate() {
    String fromEnv = System.getenv(BIN_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path bin = Path.of(fromEnv.trim());
      if (!complete(bin)) {
        throw new LocalRuntimeException(BIN_ENV + "=" + fromEnv + " does not hold " + String.join(", ", PROGRAMS));
      }
      return of(bin);
    }
    Optional<Path> found = find();
    if (found.isEmpty()) {
      DebianPackages.install("Winback needs a PostgreSQL server and found none (no " + DEBIAN_ROOT
          + "/*/bin, no pg_config, " + BIN_ENV + " not set)", () -> find().isPresent(), "postgresql");
      found = find();
    }
    return of(found.orElseThrow(() -> new LocalRuntimeException("no PostgreSQL server programs found")));
  }

  /** Reads the major version from {@code postgres --version}, which (unlike a start) works as root. */
  static PostgresBinaries of(Path bin) {
    String output = Commands.run(List.of(bin.resolve("postgres").toString(), "--version"), Duration.ofSeconds(30))
        .orThrow("postgres --version").output();
    Matcher matcher = VERSION.matcher(output);
    if (!matcher.find()) {
      throw new LocalRuntimeException("cannot read the PostgreSQL version from: " + output.strip());
    }
    return new PostgresBinaries(bin.toAbsolutePath().normalize(), Integer.parseInt(matcher.group(1)));
  }

  private static Optional<Path> find() {
    Optional<Path> debian = newestDebian();
    if (debian.isPresent()) {
      return debian;
    }
    try {
      Commands.Result bindir = Commands.run(List.of("pg_config", "--bindir"), Duration.ofSeconds(10));
      if (bindir.ok()) {
        Path bin = Path.of(bindir.output().strip());
        return complete(bin) ? Optional.of(bin) : Optional.empty();
      }
    } catch (LocalRuntimeException noPgConfig) {
      // not installed either
    }
    return Optional.empty();
  }

  private static Optional<Path> newestDebian() {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions
          .filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .sorted(Comparator.comparingInt((Path dir) -> Integer.parseInt(dir.getFileName().toString())).reversed())
          .map(dir -> dir.resolve("bin"))
          .filter(PostgresBinaries::complete)
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean complete(Path bin) {
    return PROGRAMS.stream().allMatch(program -> Files.isExecutable(bin.resolve(program)));
  }
}
