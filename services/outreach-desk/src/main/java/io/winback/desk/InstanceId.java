package io.winback.desk;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which desk replica did something (who read a CRM partition, who is sending an email): the host
 * name (the pod's name in Kubernetes) and the process id, or {@code winback.desk.instance-id}.
 */
public record InstanceId(String value) {

  static InstanceId of(String configured) {
    if (configured != null && !configured.isBlank()) {
      return new InstanceId(configured.strip());
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "desk";
    }
    return new InstanceId(host + ":" + ManagementFactory.getRuntimeMXBean().getPid());
  }
}
