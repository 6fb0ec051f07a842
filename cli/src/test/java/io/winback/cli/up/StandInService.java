package io.winback.cli.up;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a service under {@code services/}, for tests of {@code winback up} that must not
 * depend on the real services' code: it answers its readiness path and writes the environment
 * {@code up} gave it, and its process id, to {@code $WINBACK_DATA_DIR/standin-<port>.env} (properties),
 * then runs until SIGTERM. {@code up} starts it as any service: {@code java -jar standin.jar --server.port=N ...}.
 */
public final class StandInService {

  static final List<String> REPORTED = List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
      "SPRING_DATASOURCE_PASSWORD", "SPRING_PROFILES_ACTIVE", "KAFKA_BOOTSTRAP_SERVERS");

  /** The report's entry with the stand-in's process id. */
  public static final String PID = "pid";

  private StandInService() {
  }

  /** Where the stand-in on {@code port} reports what it was given. */
  public static Path reportFile(Path dataDir, int port) {
    return dataDir.resolve("standin-" + port + ".env");
  }

  /**
   * Writes {@code services/<name>/} under {@code home}: the descriptor, and a jar whose manifest runs
   * this class from the test classpath.
   */
  public static void install(Path home, String name, int port, boolean database) throws IOException {
    Path dir = Files.createDirectories(home.resolve("services").resolve(name));
    Files.writeString(dir.resolve(ServiceDescriptor.FILE), "name=" + name + "\nport=" + port
        + "\nreadiness=/ready\njar=standin.jar\n" + (database ? "database=true\n" : ""));
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, StandInService.class.getName());
    Path classes = Path.of(StandInService.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classes.toUri().toString());
    try (OutputStream out = Files.newOutputStream(dir.resolve("standin.jar"));
         java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(out, manifest)) {
      jar.flush();
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = -1;
    for (String arg : args) {
      if (arg.startsWith("--server.port=")) {
        port = Integer.parseInt(arg.substring("--server.port=".length()));
      }
    }
    Properties seen = new Properties();
    for (String name : REPORTED) {
      String value = System.getenv(name);
      if (value != null) {
        seen.setProperty(name, value);
      }
    }
    // Which process this is: a test kills it, and sees a new one come back.
    seen.setProperty(PID, Long.toString(ProcessHandle.current().pid()));
    Path report = reportFile(Path.of(System.getenv("WINBACK_DATA_DIR")), port);
    try (OutputStream out = Files.newOutputStream(report)) {
      seen.store(out, "environment winback up gave this stand-in service");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/ready", exchange -> {
      byte[] body = "UP".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      stopped.countDown();
    }));
    stopped.await();
  }
}
