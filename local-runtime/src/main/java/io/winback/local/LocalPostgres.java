package io.winback.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from this machine's binaries ({@link PostgresBinaries}), run as a child
 * process: for {@code ./winback up} and for tests on machines without a Docker engine.
 *
 * <p>The data directory is initialised on the first start only and kept between runs. The server
 * listens on 127.0.0.1 only, with scram-sha-256 passwords on TCP; its unix socket lies in the data
 * directory (not /var/run/postgresql, which a normal user cannot write), where only the server's
 * own OS user reaches it and, by peer authentication, administers the server as its bootstrap
 * superuser. Applications log in as the configured role, which owns its databases and is no
 * superuser. As root, the server runs as an unprivileged user ({@link ServerUser}).
 *
 * <p>Like the local Kafka broker, the postmaster runs in a session of its own, so a Ctrl-C reaches
 * only the JVM, which stops its services before the database they need; whoever starts a server
 * must {@link #stop} it ({@link #close} does).
 */
public final class LocalPostgres implements AutoCloseable {

  private static final String START_MARKER = "=== winback: starting PostgreSQL";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(100);
  /** sun_path holds 108 bytes; the socket is {@code <dir>/.s.PGSQL.<port>}. */
  private static final int MAX_SOCKET_PATH = 100;
  private static final int TAIL_LINES = 30;
  private static final PrintStream err = System.err;

  private final LocalPostgresConfig config;
  private final PostgresBinaries binaries;
  private final ServerUser user;
  private final Path socketDir;
  private volatile Process postmaster;

  private LocalPostgres(LocalPostgresConfig config, PostgresBinaries binaries, ServerUser user, Path socketDir) {
    this.config = config;
    this.binaries = binaries;
    this.user = user;
    this.socketDir = socketDir;
  }

  /**
   * Starts the server (initialising the data directory if it is empty), creates the application
   * role and database, and returns once it accepts connections.
   *
   * @throws LocalRuntimeException if binaries are missing and cannot be installed, the port is taken,
   *                               the data directory belongs to something else, or the server fails
   *                               to start (the message carries the end of its log)
   */
  public static LocalPostgres start(LocalPostgresConfig config) {
    PostgresBinaries binaries = PostgresBinaries.locate();
    ServerUser user = ServerUser.forDataDir(config.dataDir());
    try {
      Files.createDirectories(config.dataDir().getParent());
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot create " + config.dataDir().getParent() + ": " + e.getMessage(), e);
    }
    user.ownPrivateDirectory(config.dataDir());
    LocalPostgres server = new LocalPostgres(config, binaries, user, socketDirectory(config, user));
    server.initialiseIfEmpty();
    server.launch();
    server.ensureRoleAndDatabase();
    return server;
  }

  public String jdbcUrl(String database) {
    return config.jdbcUrl(database);
  }

  public String username() {
    return config.username();
  }

  public String password() {
    return config.password();
  }

  public int port() {
    return config.port();
  }

  /** The server's output (appended on every start). */
  public Path log() {
    return config.log();
  }

  public LocalPostgresConfig config() {
    return config;
  }

  /** The major version of the server binaries, e.g. 15. */
  public int majorVersion() {
    return binaries.major();
  }

  /** The OS user the server runs as (not root). */
  public String serverUser() {
    return user.name();
  }

  public boolean isRunning() {
    Process current = postmaster;
    return current != null && current.isAlive();
  }

  /** Creates database {@code name}, owned by the application role, unless it exists. */
  public synchronized void createDatabase(String name) {
    LocalPostgresConfig.requireIdentifier(name, "database name");
    String sql = "SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')"
        + " WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\\gexec\n";
    Commands.Result result = psql(sql, Map.of("db", name, "owner", config.username()));
    // Someone else (another JVM on the same server) may have created it between our check and CREATE.
    if (!result.ok() && !result.output().contains("already exists")) {
      result.orThrow("creating database " + name);
    }
  }

  /** Fast shutdown (SIGINT: open sessions are ended, nothing committed is lost); kills it if it hangs. */
  public synchronized void stop() {
    Process current = postmaster;
    if (current == null || !current.isAlive()) {
      return;
    }
    ChildProcesses.signal(current.pid(), "INT");
    if (!waitFor(current, FAST_SHUTDOWN)) {
      err.printf("winback: PostgreSQL did not stop within %d s; immediate shutdown%n", FAST_SHUTDOWN.toSeconds());
      ChildProcesses.signal(current.pid(), "QUIT");
      if (!waitFor(current, Duration.ofSeconds(10))) {
        current.destroyForcibly();
        waitFor(current, Duration.ofSeconds(10));
      }
    }
  }

  /**
   * SIGKILL to the postmaster, as a crash would: for fault tests. Waits until its backends, which
   * notice the postmaster's death by themselves, are gone too, so {@link #restart} can start the
   * same data directory again (crash recovery replays the WAL).
   */
  public synchronized void kill() {
    Process current = postmaster;
    if (current == null || !current.isAlive()) {
      return;
    }
    List<ProcessHandle> backends = current.descendants().toList();
    current.destroyForcibly();
    waitFor(current, Duration.ofSeconds(10));
    for (ProcessHandle backend : backends) {
      if (!ChildProcesses.awaitExit(backend, Duration.ofSeconds(10))) {
        backend.destroyForcibly();
      }
    }
  }

  /** Stops the server if it runs, and starts it again on the same port with the same data; returns when ready. */
  public synchronized void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  // ---- start ---------------------------------------------------------------------------------

  private void initialiseIfEmpty() {
    Path dataDir = config.dataDir();
    Path version = dataDir.resolve("PG_VERSION");
    if (Files.isRegularFile(version)) {
      requireSameMajor(version);
      return;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      if (entries.findAny().isPresent()) {
        throw new LocalRuntimeException(dataDir + " is neither empty nor a PostgreSQL data directory (no PG_VERSION);"
            + " move it away or choose another data directory");
      }
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot read " + dataDir + ": " + e.getMessage(), e);
    }
    err.printf("winback: initialising a PostgreSQL %d data directory in %s (as user %s)%n",
        binaries.major(), dataDir, user.name());
    List<String> initdb = List.of(binaries.program("initdb").toString(), "--pgdata=" + dataDir,
        // The bootstrap superuser is the server's OS user, reachable only by peer auth on the socket.
        "--username=" + user.name(), "--auth-local=peer", "--auth-host=scram-sha-256",
        "--encoding=UTF8", "--locale=C", "--no-instructions");
    Commands.Result result = Commands.run(user.command(initdb), dataDir, withoutPgVariables(), null,
        COMMAND_TIMEOUT, null);
    appendToLog("=== winback: initdb at " + Instant.now() + "\n" + result.output());
    result.orThrow("initdb");
  }

  private void requireSameMajor(Path versionFile) {
    try {
      String created = Files.readString(versionFile, StandardCharsets.UTF_8).strip();
      if (!created.equals(Integer.toString(binaries.major()))) {
        throw new LocalRuntimeException(config.dataDir() + " holds a PostgreSQL " + created + " database, but the"
            + " server programs in " + binaries.bin() + " are PostgreSQL " + binaries.major() + "; point "
            + PostgresBinaries.BIN_ENV + " at PostgreSQL " + created + "'s bin directory, or remove the directory"
            + " to start afresh");
      }
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot read " + versionFile + ": " + e.getMessage(), e);
    }
  }

  private void launch() {
    stopLeftoverServer();
    requirePortFree();
    List<String> command = ChildProcesses.inOwnSession(user.command(List.of(
        binaries.program("postgres").toString(), "-D", config.dataDir().toString(),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "port=" + config.port(),
        "-c", "unix_socket_directories=" + socketDir,
        // Output goes to our log file through stderr; no log files inside the data directory.
        "-c", "logging_collector=off",
        // A test JVM holds a pool per cached Spring context; 100 runs out.
        "-c", "max_connections=200")));
    appendToLog(START_MARKER + " " + binaries.major() + " at " + Instant.now() + ": " + String.join(" ", command));
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(config.dataDir().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(config.log().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      withoutPgVariables().keySet().forEach(builder.environment()::remove);
      postmaster = builder.start();
    } catch (IOException e) {
      throw new LocalRuntimeException("could not start PostgreSQL: " + e.getMessage(), e);
    }
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<String> isReady = List.of(binaries.program("pg_isready").toString(), "-q", "-h", "127.0.0.1",
        "-p", Integer.toString(config.port()), "-t", "2");
    while (true) {
      if (!postmaster.isAlive()) {
        throw new LocalRuntimeException("PostgreSQL exited with status " + postmaster.exitValue()
            + " before it accepted connections; last lines of " + config.log() + ":\n" + logTail());
      }
      if (Commands.run(isReady, null, withoutPgVariables(), null, Duration.ofSeconds(10), null).ok()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new LocalRuntimeException("PostgreSQL did not accept connections within " + READY_TIMEOUT.toSeconds()
            + " s (it is left running: stop it); last lines of " + config.log() + ":\n" + logTail());
      }
      sleep(POLL);
    }
  }

  /**
   * A postmaster.pid whose process still runs is a server an earlier run left behind (its JVM was
   * killed, so nobody stopped it): this data directory is ours, so stop it. One whose process is gone
   * is stale after a crash; removing it spares PostgreSQL a wrong guess when the pid was reused.
   */
  private void stopLeftoverServer() {
    Path pidFile = config.dataDir().resolve("postmaster.pid");
    Optional<Long> pid = firstLineNumber(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get());
    if (process.isPresent() && process.get().isAlive() && isPostgres(pid.get())) {
      err.printf("winback: a PostgreSQL server from an earlier run (pid %d) still runs on %s; stopping it%n",
          pid.get(), config.dataDir());
      ChildProcesses.signal(pid.get(), "INT");
      if (!ChildProcesses.awaitExit(process.get(), FAST_SHUTDOWN)) {
        process.get().destroyForcibly();
        ChildProcesses.awaitExit(process.get(), Duration.ofSeconds(10));
      }
    } else {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        throw new LocalRuntimeException("cannot remove the stale " + pidFile + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean isPostgres(long pid) {
    try {
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(cmdline, StandardCharsets.UTF_8).contains("postgres");
    } catch (IOException e) {
      return false;
    }
  }

  private void requirePortFree() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", config.port()));
    } catch (BindException e) {
      throw new LocalRuntimeException("port " + config.port() + " on 127.0.0.1 is in use: is another PostgreSQL"
          + " running? Set SPRING_DATASOURCE_URL to use it, or choose another port");
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot check port " + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** The application role (re-set on every start, so a changed password takes effect) and database. */
  private void ensureRoleAndDatabase() {
    String password = config.password().replace("'", "''");
    String sql = "SELECT format('CREATE ROLE %I', :'role')"
        + " WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role')\\gexec\n"
        + "ALTER ROLE " + config.username() + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB"
        + " PASSWORD '" + password + "';\n";
    psql(sql, Map.of("role", config.username())).orThrow("creating the role " + config.username());
    createDatabase(config.database());
  }

  /** SQL run by the bootstrap superuser over the unix socket, as the server's OS user (peer auth). */
  private Commands.Result psql(String sql, Map<String, String> variables) {
    List<String> command = new ArrayList<>(List.of(binaries.program("psql").toString(), "-X", "-q",
        "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(), "-p", Integer.toString(config.port()),
        "-U", user.name(), "-d", "postgres"));
    variables.forEach((name, value) -> command.addAll(List.of("-v", name + "=" + value)));
    command.addAll(List.of("-f", "-"));
    return Commands.run(user.command(command), config.dataDir(), withoutPgVariables(), sql, COMMAND_TIMEOUT, null);
  }

  /**
   * The data directory holds the socket unless its path is too long for one; then a private
   * directory under /tmp does, owned by the server user.
   */
  private static Path socketDirectory(LocalPostgresConfig config, ServerUser user) {
    Path dataDir = config.dataDir();
    if ((dataDir + "/.s.PGSQL." + config.port()).length() <= MAX_SOCKET_PATH) {
      return dataDir;
    }
    Path dir = Path.of("/tmp", "winback-pg-" + user.uid() + "-" + Integer.toHexString(dataDir.hashCode()));
    user.ownPrivateDirectory(dir);
    return dir;
  }

  /** PGHOST, PGOPTIONS and friends of the caller must not steer our server or our psql. */
  private static Map<String, String> withoutPgVariables() {
    Map<String, String> unset = new HashMap<>();
    System.getenv().keySet().stream().filter(name -> name.startsWith("PG")).forEach(name -> unset.put(name, ""));
    return unset;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static Optional<Long> firstLineNumber(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void appendToLog(String text) {
    try {
      Files.writeString(config.log(), text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot write " + config.log() + ": " + e.getMessage(), e);
    }
  }

  /** The last lines of the log since the latest start: the log is appended to on every start. */
  String logTail() {
    try (RandomAccessFile file = new RandomAccessFile(config.log().toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - 64 * 1024);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      int runStart = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(START_MARKER)) {
          runStart = i + 1;
        }
      }
      int first = Math.max(runStart, lines.size() - TAIL_LINES);
      return String.join("\n", lines.subList(Math.min(first, lines.size()), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + config.log() + ": " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRuntimeException("interrupted while waiting for PostgreSQL", e);
    }
  }
}
