package io.winback.testsupport;

import io.winback.local.DebianPackages;
import io.winback.local.LocalRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its matching ChromeDriver for every browser test, installed by the test
 * itself so that the README's test command passes on a fresh machine.
 *
 * <p>Where from, in order: the system properties {@value #BROWSER_PROPERTY} and
 * {@value #DRIVER_PROPERTY} (both set); {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver};
 * an earlier unpacked copy in {@code ~/.cache/winback/chromium}; Debian's {@code chromium} and
 * {@code chromium-driver} installed with apt-get (as root, or through a password-less sudo), once
 * per machine and never by two JVMs at once; without root rights, the same packages and the
 * libraries this machine lacks downloaded and unpacked into {@code ~/.cache/winback/chromium}.
 * If all of that fails the test fails, saying what to install: it is never skipped.
 */
public final class Chromium {

  public static final String BROWSER_PROPERTY = "winback.chromium";
  public static final String DRIVER_PROPERTY = "winback.chromedriver";
  static final Path SYSTEM_BROWSER = Path.of("/usr/bin/chromium");
  static final Path SYSTEM_DRIVER = Path.of("/usr/bin/chromedriver");
  private static final String[] PACKAGES = {"chromium", "chromium-driver"};
  private static final String COMPLETE_MARKER = ".complete";
  private static final String LIBRARY_PATH_FILE = "library-path";

  /**
   * A usable Chromium.
   *
   * @param browser     the Chromium executable
   * @param driver      the ChromeDriver of the same version
   * @param environment what both need set (LD_LIBRARY_PATH for an unpacked copy; empty otherwise)
   * @param source      where it came from, for the test log
   */
  public record Installation(Path browser, Path driver, Map<String, String> environment, String source) {
  }

  private static volatile Installation installation;

  private Chromium() {
  }

  /** The browser and driver, installing them first if this machine has none. */
  public static Installation ensureInstalled() {
    Installation current = installation;
    if (current != null) {
      return current;
    }
    synchronized (Chromium.class) {
      if (installation == null) {
        installation = locateOrInstall();
      }
      return installation;
    }
  }

  /**
   * Headless Chromium driven through ChromeDriver with the flags every Winback browser test uses
   * (no sandbox, since tests run as root here; nothing fetched from the network by the browser
   * itself), the profile in {@code profileDir}; {@code extraArgs} add or override flags such as
   * {@code --lang=de-DE} or {@code --window-size=1360,1000}. The caller quits it.
   */
  public static ChromeDriver startHeadless(Path profileDir, String... extraArgs) {
    Installation chromium = ensureInstalled();
    try {
      Files.createDirectories(profileDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the Chromium profile " + profileDir, e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--user-data-dir=" + profileDir.toAbsolutePath());
    options.addArguments(extraArgs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromium.driver().toFile())
        .usingAnyFreePort()
        .withEnvironment(chromium.environment())
        .withLogOutput(OutputStream.nullOutputStream())
        .build();
    return new ChromeDriver(service, options);
  }

  private static Installation locateOrInstall() {
    String browser = System.getProperty(BROWSER_PROPERTY);
    String driver = System.getProperty(DRIVER_PROPERTY);
    if (browser != null && driver != null) {
      return new Installation(Path.of(browser), Path.of(driver), Map.of(),
          "-D" + BROWSER_PROPERTY + " and -D" + DRIVER_PROPERTY);
    }
    if (systemInstalled()) {
      return announce(new Installation(SYSTEM_BROWSER, SYSTEM_DRIVER, Map.of(), "Debian's chromium package"));
    }
    Path cache = userCache();
    if (unpackedComplete(cache)) {
      try {
        return announce(unpacked(cache));
      } catch (IOException e) {
        // broken copy: unpack again below
      }
    }
    List<String> failures = new ArrayList<>();
    if (DebianPackages.canInstall()) {
      try {
        DebianPackages.install("the browser tests drive headless Chromium through ChromeDriver",
            Chromium::systemInstalled, PACKAGES);
        return announce(new Installation(SYSTEM_BROWSER, SYSTEM_DRIVER, Map.of(), "Debian's chromium package"));
      } catch (LocalRuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    try {
      return announce(unpackWithoutRoot(cache));
    } catch (LocalRuntimeException e) {
      failures.add(e.getMessage());
    }
    throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver, and this test"
        + " could not install them. As root run:\n  apt-get update && apt-get install -y chromium chromium-driver\n"
        + "or point -D" + BROWSER_PROPERTY + " and -D" + DRIVER_PROPERTY + " at a Chromium and its ChromeDriver."
        + " What was tried:\n  " + String.join("\n  ", failures));
  }

  static boolean systemInstalled() {
    return Files.isExecutable(SYSTEM_BROWSER) && Files.isExecutable(SYSTEM_DRIVER);
  }

  /** Under a file lock, so that two test JVMs of the same user do not unpack into the same place at once. */
  private static Installation unpackWithoutRoot(Path cache) {
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot create " + cache + ": " + e.getMessage(), e);
    }
    try (FileChannel channel = FileChannel.open(cache.resolveSibling("chromium.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      if (!unpackedComplete(cache)) {
        Path root = DebianPackages.extractWithoutRoot(cache, PACKAGES);
        String libraryPath = DebianPackages.libraryPath(root, browserIn(root));
        Files.writeString(cache.resolve(LIBRARY_PATH_FILE), libraryPath + "\n");
        Files.writeString(cache.resolve(COMPLETE_MARKER), "unpacked from " + String.join(" ", PACKAGES) + "\n");
      }
      return unpacked(cache);
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot unpack Chromium into " + cache + ": " + e.getMessage(), e);
    }
  }

  private static boolean unpackedComplete(Path cache) {
    return Files.isRegularFile(cache.resolve(COMPLETE_MARKER));
  }

  /** Debian keeps the real programs in /usr/lib/chromium; /usr/bin/chromium is a wrapper script with absolute paths. */
  private static Installation unpacked(Path cache) throws IOException {
    Path root = cache.resolve("root");
    String libraryPath = Files.readString(cache.resolve(LIBRARY_PATH_FILE)).strip();
    return new Installation(browserIn(root), root.resolve("usr/lib/chromium/chromedriver"),
        Map.of("LD_LIBRARY_PATH", libraryPath), "unpacked into " + cache);
  }

  private static Path browserIn(Path root) {
    return root.resolve("usr/lib/chromium/chromium");
  }

  private static Path userCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("winback").resolve("chromium");
  }

  private static Installation announce(Installation found) {
    System.err.printf("winback: browser tests use Chromium %s and ChromeDriver %s (%s)%n",
        found.browser(), found.driver(), found.source());
    return found;
  }
}
