package io.winback.testsupport;

import java.util.Locale;

/**
 * Which kind of a real part (broker, database) a test JVM gets: the one a system property or
 * environment variable forces, else a container where a Docker engine answers, else the one that
 * runs on this machine without Docker. The same rule for every part.
 */
record BackendChoice(String kind, String reason) {

  /**
   * @param property the system property (also read as an environment variable of the same name)
   * @param env the environment variable
   * @param local the kind without Docker (e.g. "embedded", "local")
   * @param container the kind in a container
   */
  static BackendChoice of(String property, String env, String local, String container) {
    String forced = forced(property, env, local, container);
    if (forced != null) {
      return new BackendChoice(forced, "forced by " + property + " / " + env);
    }
    DockerDetection.Result docker = DockerDetection.detect();
    return new BackendChoice(docker.available() ? container : local, docker.reason());
  }

  /** The kind the property or variable forces, null if none; anything else is a mistake worth stopping for. */
  static String forced(String property, String env, String local, String container) {
    String value = firstNonBlank(System.getProperty(property), System.getenv(env), System.getenv(property));
    if (value == null) {
      return null;
    }
    String choice = value.trim().toLowerCase(Locale.ROOT);
    if (!choice.equals(local) && !choice.equals(container)) {
      throw new IllegalArgumentException(property + " must be '" + local + "' or '" + container + "', not '"
          + value + "'");
    }
    return choice;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
