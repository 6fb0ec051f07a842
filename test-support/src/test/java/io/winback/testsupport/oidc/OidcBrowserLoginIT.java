package io.winback.testsupport.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.testsupport.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real browser through the whole single sign-on: the relying party sends it to the provider, the
 * user logs in on the provider's own login page, comes back logged in with the roles and claims of
 * the ID token, logs out, and the logout ends the session at the provider too, so the next visit
 * asks for the password again.
 */
class OidcBrowserLoginIT {

  private static OidcTestProvider provider;
  private static ConfigurableApplicationContext relyingParty;
  private static String app;

  @BeforeAll
  static void start() {
    provider = OidcTestProvider.shared();
    // Registered before the relying party has its port: on 127.0.0.1 the provider accepts any port.
    provider.webClient("demo", "demo-secret", "http://127.0.0.1/login/oauth2/code/" + DemoRelyingParty.REGISTRATION,
        "http://127.0.0.1/logged-out");
    relyingParty = DemoRelyingParty.start(provider.issuer(), "demo", "demo-secret", provider.roleClaim());
    app = "http://127.0.0.1:" + DemoRelyingParty.port(relyingParty);
  }

  @AfterAll
  static void stop() {
    if (relyingParty != null) {
      relyingParty.close();
    }
  }

  @Test
  void logsInAtTheProvidersPageAndOutAtBothEnds(@TempDir Path profile) {
    ChromeDriver browser = Chromium.startHeadless(profile.resolve("chromium"), "--window-size=1000,800");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      browser.get(app + "/");
      logInAtProvider(browser, wait, "lead");
      wait.until(ExpectedConditions.textToBe(By.id("name"), "Lea Lead"));
      assertThat(browser.getCurrentUrl()).startsWith(app + "/");
      assertThat(browser.findElement(By.id("roles")).getText()).isEqualTo("LEAD,AGENT");

      browser.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.textToBe(By.id("logged-out"), "logged out"));
      assertThat(browser.getCurrentUrl()).isEqualTo(app + "/logged-out");

      // Were the provider's session still alive, this visit would come straight back logged in.
      browser.get(app + "/");
      logInAtProvider(browser, wait, "jonas");
      wait.until(ExpectedConditions.textToBe(By.id("name"), "Jonas Weber"));
      assertThat(browser.findElement(By.id("roles")).getText()).isEqualTo("AGENT");
      assertThat(browser.findElement(By.id("account-manager")).getText()).isEqualTo("am-1");
    } finally {
      browser.quit();
    }
  }

  private static void logInAtProvider(ChromeDriver browser, WebDriverWait wait, String user) {
    wait.until(ExpectedConditions.urlToBe(provider.issuer() + "/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
