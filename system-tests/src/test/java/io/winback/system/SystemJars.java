package io.winback.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the services' jars are: built by the reactor before this module, one folder up. */
final class SystemJars {

  private SystemJars() {}

  static Path processor() {
    return jar("churn-processor");
  }

  static Path desk() {
    return jar("outreach-desk");
  }

  static Path monitor() {
    return jar("topic-monitor");
  }

  private static Path jar(String service) {
    Path jar = Path.of("..", "services", service, "target", service + ".jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build from the project root (./mvnw verify), which builds "
          + "the services before the system tests");
    }
    return jar;
  }
}
