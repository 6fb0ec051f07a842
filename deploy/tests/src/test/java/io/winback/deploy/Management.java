package io.winback.deploy;

import java.util.Map;

/**
 * Actuator's own port in Kubernetes: MANAGEMENT_SERVER_PORT, container port and Service port named
 * "management". Locally (./winback up, docker compose) Actuator stays on the service's one port.
 */
final class Management {

  static final String PORT_NAME = "management";
  static final int PORT = 9090;

  private Management() {}

  /** The container port named "management", or null. */
  static Integer containerPort(Map<String, Object> container) {
    return Manifests.list(container, "ports").stream()
        .filter(port -> PORT_NAME.equals(port.get("name")))
        .map(port -> Manifests.integer(port, "containerPort"))
        .findFirst().orElse(null);
  }
}
