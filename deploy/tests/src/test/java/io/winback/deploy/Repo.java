package io.winback.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The repository the tests run in: its root, its services and their winback-service.properties. */
final class Repo {

  /** A deployable: a folder under services/ with a winback-service.properties. */
  record Service(String folder, String name, int port, String readiness) {}

  static final Path ROOT = findRoot();

  private Repo() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  /** Every service folder with a winback-service.properties, by folder name. */
  static Map<String, Service> services() {
    Map<String, Service> services = new TreeMap<>();
    try (Stream<Path> folders = Files.list(path("services"))) {
      for (Path folder : folders.sorted().toList()) {
        Path file = folder.resolve("winback-service.properties");
        if (!Files.isRegularFile(file)) {
          continue;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
          properties.load(in);
        }
        String folderName = folder.getFileName().toString();
        String port = properties.getProperty("port");
        if (port == null) {
          throw new IllegalStateException(file + " has no port");
        }
        services.put(folderName, new Service(folderName, properties.getProperty("name", folderName),
            Integer.parseInt(port.trim()), properties.getProperty("readiness", "/actuator/health/readiness")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (services.isEmpty()) {
      throw new IllegalStateException("no services/*/winback-service.properties under " + ROOT);
    }
    return services;
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> list(String relative, String suffix) {
    try (Stream<Path> files = Files.list(path(relative))) {
      return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Walks up from the working directory (deploy/tests under Maven) to the repository root. */
  private static Path findRoot() {
    String configured = System.getProperty("winback.repo.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("services")) && Files.isDirectory(dir.resolve("deploy/k8s"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (services/, deploy/k8s/) above "
        + Path.of("").toAbsolutePath());
  }
}
