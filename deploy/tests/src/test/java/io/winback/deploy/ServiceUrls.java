package io.winback.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/** http://SERVICE:PORT in configuration must use the port of SERVICE's winback-service.properties. */
final class ServiceUrls {

  private static final Pattern URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");

  private ServiceUrls() {}

  static void check(SoftAssertions softly, String where, String text) {
    Matcher url = URL.matcher(text);
    while (url.find()) {
      Repo.Service service = Repo.services().get(url.group(1));
      if (service != null) {
        softly.assertThat(Integer.parseInt(url.group(2))).as("%s: %s", where, url.group()).isEqualTo(service.port());
      }
    }
  }
}
