package io.winback.cli.up;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A deployable under {@code services/}: each describes itself in {@code winback-service.properties}
 * (name, port, jar, readiness path, and {@code database=true} if it needs PostgreSQL), so
 * {@code winback up} starts every service that exists without a list to keep in step.
 */
public record ServiceDescriptor(String name, Path jar, int port, String readinessPath, int order, boolean database) {

  public static final String FILE = "winback-service.properties";

  public String url() {
    return "http://localhost:" + port;
  }

  /** The services under {@code servicesDir}, in start order. */
  public static List<ServiceDescriptor> discover(Path servicesDir) {
    if (!Files.isDirectory(servicesDir)) {
      return List.of();
    }
    List<ServiceDescriptor> services = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(servicesDir)) {
      for (Path dir : dirs.sorted().toList()) {
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
          services.add(read(dir, file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    services.sort(java.util.Comparator.comparingInt(ServiceDescriptor::order));
    return services;
  }

  private static ServiceDescriptor read(Path dir, Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    String name = properties.getProperty("name", dir.getFileName().toString());
    return new ServiceDescriptor(name,
        dir.resolve(properties.getProperty("jar", "target/" + name + ".jar")),
        Integer.parseInt(properties.getProperty("port")),
        properties.getProperty("readiness", "/actuator/health/readiness"),
        Integer.parseInt(properties.getProperty("order", "50")),
        Boolean.parseBoolean(properties.getProperty("database", "false").trim()));
  }
}
