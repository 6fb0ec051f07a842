package io.winback.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs the Debian packages a local run needs (PostgreSQL, Chromium) when the machine lacks them,
 * so that {@code ./mvnw verify} and {@code ./winback up} work on a fresh machine without a manual step.
 *
 * <p>As root it runs {@code apt-get update} and {@code apt-get install -y} itself; as another user it
 * uses {@code sudo -n} where that works without a password. Two JVMs (two test forks, a test run and
 * {@code winback up}) never run apt at once: a file lock serialises them, and the second one finds
 * the packages installed and does nothing. What it does is said on stderr.
 */
public final class DebianPackages {

  private static final Path APT_GET = Path.of("/usr/bin/apt-get");
  /** Per user: a lock file root created could not be opened for writing by another user. */
  private static final Path LOCK = Path.of("/tmp", "winback-apt-" + uid() + ".lock");
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(20);
  private static final PrintStream err = System.err;

  private DebianPackages() {
  }

  /** True if this process runs as root (uid 0). */
  public static boolean isRoot() {
    return uid() == 0;
  }

  public static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
  }

  /** True if apt-get can be run with root rights here: as root, or through a password-less sudo. */
  public static boolean canInstall() {
    return Files.isExecutable(APT_GET) && (isRoot() || passwordlessSudo());
  }

  /**
   * Installs {@code packages} unless {@code present} already says yes (checked again under the lock,
   * since another JVM may have installed them meanwhile).
   *
   * @param why said on stderr before apt runs, e.g. "the browser tests need Chromium"
   * @throws LocalRuntimeException if apt-get is missing, there are no root rights, or apt fails
   */
  public static void install(String why, BooleanSupplier present, String... packages) {
    if (present.getAsBoolean()) {
      return;
    }
    if (!Files.isExecutable(APT_GET)) {
      throw new LocalRuntimeException(why + ", and there is no apt-get here to install Debian's "
          + String.join(" ", packages) + "; install them (or their equivalent) by hand");
    }
    List<String> prefix = new ArrayList<>();
    if (!isRoot()) {
      if (!passwordlessSudo()) {
        throw new LocalRuntimeException(why + ": install them as root with\n  apt-get update && apt-get install -y "
            + String.join(" ", packages) + "\n(this user is not root and has no password-less sudo)");
      }
      prefix.addAll(List.of("sudo", "-n"));
    }
    try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      if (present.getAsBoolean()) {
        return; // another JVM installed them while we waited for the lock
      }
      err.printf("winback: %s; installing Debian packages %s (apt-get update, then apt-get install -y%s) ...%n",
          why, String.join(" ", packages), prefix.isEmpty() ? "" : ", through sudo -n");
      apt(prefix, List.of("update", "-qq"));
      List<String> install = new ArrayList<>(List.of("install", "-y", "-qq"));
      install.addAll(List.of(packages));
      apt(prefix, install);
      err.printf("winback: installed %s%n", String.join(" ", packages));
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot lock " + LOCK + " to install " + String.join(" ", packages)
          + ": " + e.getMessage(), e);
    }
    if (!present.getAsBoolean()) {
      throw new LocalRuntimeException("apt-get installed " + String.join(" ", packages)
          + ", but it is still not usable; " + why);
    }
  }

  /**
   * Without root rights: downloads {@code packages} and every dependency this machine lacks (apt's
   * own resolution against the installed packages, with private package lists and cache under
   * {@code into}) and unpacks them with {@code dpkg-deb -x} into {@code into/root}. Nothing is
   * installed system-wide and no maintainer script runs: good for programs that only need their
   * files and libraries (LD_LIBRARY_PATH from {@link #libraryPath}).
   *
   * @return {@code into/root}, the unpacked file tree
   */
  public static Path extractWithoutRoot(Path into, String... packages) {
    Path state = into.resolve("apt-state");
    Path cache = into.resolve("apt-cache");
    Path root = into.resolve("root");
    try {
      Files.createDirectories(state.resolve("lists/partial"));
      Files.createDirectories(cache.resolve("archives/partial"));
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot create " + into + ": " + e.getMessage(), e);
    }
    List<String> prefix = List.of(APT_GET.toString(),
        "-o", "Dir::State=" + state, "-o", "Dir::State::status=/var/lib/dpkg/status",
        "-o", "Dir::Cache=" + cache, "-o", "Debug::NoLocking=1");
    err.printf("winback: downloading Debian packages %s and the libraries they need into %s (no root rights:"
        + " private apt-get update, apt-get install --download-only, dpkg-deb -x) ...%n",
        String.join(" ", packages), into);
    List<String> update = new ArrayList<>(prefix);
    update.addAll(List.of("update", "-qq"));
    Commands.run(update, null, Map.of(), null, APT_TIMEOUT, err).orThrow("apt-get update (private lists)");
    List<String> download = new ArrayList<>(prefix);
    // Recommended packages are for people at a desktop; a program run by tests needs only its dependencies.
    download.addAll(List.of("install", "-y", "-qq", "--download-only", "--no-install-recommends"));
    download.addAll(List.of(packages));
    Commands.run(download, null, Map.of(), null, APT_TIMEOUT, err).orThrow("apt-get install --download-only");
    try (Stream<Path> debs = Files.list(cache.resolve("archives"))) {
      for (Path deb : debs.filter(file -> file.toString().endsWith(".deb")).sorted().toList()) {
        Commands.run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Duration.ofMinutes(5))
            .orThrow("dpkg-deb -x " + deb.getFileName());
        Files.delete(deb); // unpacked: the archive would only double the space taken
      }
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot list " + cache + ": " + e.getMessage(), e);
    }
    return root;
  }

  /**
   * The LD_LIBRARY_PATH that lets {@code binary}, unpacked under {@code root}, find its libraries:
   * the usual library directories under {@code root}, plus the directory of each library that
   * {@code ldd} still reports missing (some live in private subdirectories, such as PulseAudio's).
   *
   * @throws LocalRuntimeException naming the libraries that are nowhere under {@code root}
   */
  public static String libraryPath(Path root, Path binary) {
    Set<Path> dirs = new LinkedHashSet<>();
    for (String dir : List.of("lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib", "usr/lib")) {
      if (Files.isDirectory(root.resolve(dir))) {
        dirs.add(root.resolve(dir));
      }
    }
    dirs.add(binary.getParent());
    while (true) {
      String path = dirs.stream().map(Path::toString).collect(Collectors.joining(":"));
      List<String> missing = missingLibraries(binary, Map.of("LD_LIBRARY_PATH", path));
      if (missing.isEmpty()) {
        return path;
      }
      List<Path> found = missing.stream().map(line -> line.split("\\s")[0]).map(name -> find(root, name))
          .filter(Objects::nonNull).map(Path::getParent).filter(dir -> !dirs.contains(dir)).toList();
      if (found.isEmpty()) {
        throw new LocalRuntimeException(binary + " still lacks libraries that no unpacked package holds: "
            + String.join(", ", missing));
      }
      dirs.addAll(found);
    }
  }

  private static Path find(Path root, String fileName) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.getFileName().toString().equals(fileName)).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static List<String> missingLibraries(Path binary, Map<String, String> environment) {
    Commands.Result ldd = Commands.run(List.of("ldd", binary.toString()), null, environment, null,
        Duration.ofSeconds(30), null);
    return ldd.output().lines().filter(line -> line.contains("not found")).map(String::strip).toList();
  }

  private static void apt(List<String> prefix, List<String> arguments) {
    List<String> command = new ArrayList<>(prefix);
    // env, so the variable survives sudo's environment reset
    command.addAll(List.of("env", "DEBIAN_FRONTEND=noninteractive", APT_GET.toString(),
        // wait for a dpkg lock held by someone else (unattended upgrades) instead of failing
        "-o", "DPkg::Lock::Timeout=600"));
    command.addAll(arguments);
    Commands.run(command, null, Map.of(), null, APT_TIMEOUT, err).orThrow("apt-get " + arguments.get(0));
  }

  private static boolean passwordlessSudo() {
    try {
      return Commands.run(List.of("sudo", "-n", "true"), Duration.ofSeconds(10)).ok();
    } catch (LocalRuntimeException noSudo) {
      return false;
    }
  }
}
