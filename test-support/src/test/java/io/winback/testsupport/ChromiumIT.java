package io.winback.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The helper every browser test uses: a real headless Chromium, installed if the machine has none. */
class ChromiumIT {

  private static final String PAGE = "<!doctype html><html><head><title>static</title></head><body>"
      + "<p id='greeting'>waiting</p><script>document.title = 'scripted';"
      + "setTimeout(() => document.getElementById('greeting').textContent = 'Grüße aus ' + navigator.userAgent.split(' ')[0], 50);"
      + "</script></body></html>";

  @Test
  void findsOrInstallsChromiumAndDrivesARealPage(@TempDir Path profile) throws Exception {
    Chromium.Installation chromium = Chromium.ensureInstalled();
    assertThat(chromium.browser()).isExecutable();
    assertThat(chromium.driver()).isExecutable();
    assertThat(Chromium.ensureInstalled()).isSameAs(chromium);

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    ChromeDriver browser = Chromium.startHeadless(profile.resolve("profile"), "--window-size=800,600");
    try {
      browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(ExpectedConditions.textToBe(By.id("greeting"), "Grüße aus Mozilla/5.0"));
      assertThat(browser.getTitle()).isEqualTo("scripted");
      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      assertThat(Files.list(profile.resolve("profile"))).isNotEmpty();
    } finally {
      browser.quit();
      server.stop(0);
    }
  }
}
