package io.winback.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operating-system user the PostgreSQL server runs as. {@code initdb} and {@code postgres}
 * refuse to run as root, so as root they run as an unprivileged user, switched to with
 * {@code setpriv} (which execs, so the postmaster stays this JVM's direct child); as anyone else
 * they run as that user.
 *
 * <p>Which user, as root: the owner of an existing data directory if that is not root (a directory
 * a normal user created keeps working); else Debian's {@code postgres} system user, made for
 * exactly this; else a system user {@value #CREATED_USER} created once with {@code useradd --system}
 * (no login shell, no home), so no real person's account ends up owning server files.
 *
 * @param name   user name; PostgreSQL's bootstrap superuser gets the same name, so peer
 *               authentication on the unix socket lets this user (and only it) administer the server
 * @param uid    numeric user id
 * @param gid    numeric primary group id
 * @param switchTo true if commands must switch to this user (we are root)
 */
public record ServerUser(String name, int uid, int gid, boolean switchTo) {

  static final String CREATED_USER = "winback-postgres";
  private static final String DEBIAN_USER = "postgres";
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final Duration SHORT = Duration.ofSeconds(30);
  private static final PrintStream err = System.err;

  /** The user to run the server of {@code dataDir} as. */
  public static ServerUser forDataDir(Path dataDir) {
    int me = DebianPackages.uid();
    if (me != 0) {
      return new ServerUser(System.getProperty("user.name"), me, gid(System.getProperty("user.name")), false);
    }
    String owner = existingOwner(dataDir);
    String name = owner != null && !owner.equals("root") ? owner
        : exists(DEBIAN_USER) ? DEBIAN_USER
        : createSystemUser();
    return new ServerUser(name, uid(name), gid(name), true);
  }

  /** {@code command} as this user: unchanged, or through setpriv with the user's groups. */
  public List<String> command(List<String> command) {
    if (!switchTo) {
      return command;
    }
    if (!Files.isExecutable(SETPRIV)) {
      throw new LocalRuntimeException("running PostgreSQL as root needs " + SETPRIV
          + " (Debian package util-linux) to switch to the user " + name);
    }
    List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid,
        "--init-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Creates {@code dir} if needed and makes it this user's alone (0700), as PostgreSQL demands of its
   * data directory; as root also makes every parent directory searchable by the user.
   */
  public void ownPrivateDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      if (switchTo) {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS);
        view.setOwner(lookup.lookupPrincipalByName(name));
        view.setGroup(lookup.lookupPrincipalByGroupName(Integer.toString(gid)));
        makeParentsSearchable(dir.toAbsolutePath().getParent());
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new LocalRuntimeException("cannot prepare " + dir + " for the PostgreSQL server user " + name
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The server must reach its data directory through every parent. Root's own directories are often
   * 0700 (a JUnit temp dir, /root): those get the search bit for others (x, not r: names inside stay
   * unlisted), and we say so.
   */
  private void makeParentsSearchable(Path dir) throws IOException {
    for (Path current = dir; current != null; current = current.getParent()) {
      int ownerUid = (Integer) Files.getAttribute(current, "unix:uid");
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(current);
      boolean reachable = permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
          || (ownerUid == uid && permissions.contains(PosixFilePermission.OWNER_EXECUTE));
      if (!reachable) {
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(current, permissions);
        err.printf("winback: made %s searchable by others (chmod o+x) so the PostgreSQL server user %s"
            + " can reach its data directory%n", current, name);
      }
    }
  }

  private static String existingOwner(Path dataDir) {
    try {
      return Files.isRegularFile(dataDir.resolve("PG_VERSION"))
          ? Files.getOwner(dataDir, LinkOption.NOFOLLOW_LINKS).getName() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean exists(String user) {
    return Commands.run(List.of("id", "-u", user), SHORT).ok();
  }

  private static String createSystemUser() {
    synchronized (ServerUser.class) {
      if (!exists(CREATED_USER)) {
        err.printf("winback: PostgreSQL refuses to run as root and there is no 'postgres' user; creating the"
            + " system user %s (useradd --system, no login) to run it%n", CREATED_USER);
        Commands.run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
            "--shell", "/usr/sbin/nologin", CREATED_USER), SHORT).orThrow("useradd " + CREATED_USER);
      }
      return CREATED_USER;
    }
  }

  private static int uid(String user) {
    return Integer.parseInt(Commands.run(List.of("id", "-u", user), SHORT).orThrow("id -u " + user).output().strip());
  }

  private static int gid(String user) {
    return Integer.parseInt(Commands.run(List.of("id", "-g", user), SHORT).orThrow("id -g " + user).output().strip());
  }
}
