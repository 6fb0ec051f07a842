package io.winback.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/** http://SERVICE:PORT in configuration must use the port of SERVICE's winback-service.properties (or one given). */
final class ServiceUrls {

  private static final Pattern URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");

  private ServiceUrls() {}

  /** @param otherPorts ports every service also listens on there (Kubernetes: the management port) */
  static void check(SoftAssertions softly, String where, String text, Integer... otherPorts) {
    Matcher url = URL.matcher(text);
    while (url.find()) {
      Repo.Service service = Repo.services().get(url.group(1));
      if (service != null) {
        List<Integer> ports = new ArrayList<>(List.of(otherPorts));
        ports.add(service.port());
        softly.assertThat(Integer.parseInt(url.group(2))).as("%s: %s", where, url.group()).isIn(ports);
      }
    }
  }
}
