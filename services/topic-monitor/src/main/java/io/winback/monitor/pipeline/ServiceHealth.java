package io.winback.monitor.pipeline;

/**
 * What a service's own /actuator/health said when last asked.
 *
 * @param status UP, DOWN (with the HTTP status), UNREACHABLE, or UNKNOWN before the first probe
 */
public record ServiceHealth(String name, String url, String status, long checkedAt) {

  public static ServiceHealth unknown(String name, String url) {
    return new ServiceHealth(name, url, "UNKNOWN", 0);
  }

  public boolean up() {
    return "UP".equals(status);
  }
}
