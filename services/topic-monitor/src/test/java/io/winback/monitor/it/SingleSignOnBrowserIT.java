package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.testsupport.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser through single sign-on to the monitor: an OPS_VIEWER logs in on the provider's
 * own login page, sees the dead letters by their metadata with neither payload nor a button to
 * reveal or redrive, and logs out, at the provider too (the next visit asks for the password
 * again); an OPS_ADMIN reveals a letter's payload and finds the reveal in the audit.
 */
class SingleSignOnBrowserIT extends SingleSignOnItBase {

  @Test
  void aViewerSeesMetadataOnlyAndLogsOutAtBothEndsAndAnAdminRevealsAndSeesItAudited(@TempDir Path profile) {
    awaitCatalogue();
    String customer = customer();
    RecordMetadata letter = deadLetterOf(customer);
    String row = "letter-" + letter.partition() + "-" + letter.offset();

    ChromeDriver browser = Chromium.startHeadless(profile.resolve("chromium"), "--window-size=1360,1000");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      browser.get(app() + "/dead-letters");
      logInAtProvider(browser, wait, "opsviewer");
      wait.until(backAt("/dead-letters"));
      waitForRow(browser, wait, row);
      assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("opsviewer");
      assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("OPS_VIEWER");
      WebElement shown = browser.findElement(By.id(row));
      assertThat(shown.getText()).contains("contract ends before it was cancelled", "churn-processor",
          "billing.cancellations.v1");
      assertThat(browser.getPageSource()).as("no payload, not even in the markup")
          .doesNotContain(customer, "evt-", "traceparent");
      assertThat(browser.findElements(By.cssSelector("button.reveal, #redrive, input[type=checkbox], #audit")))
          .as("no reveal, no redrive, no audit for a viewer").isEmpty();

      browser.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.urlToBe(app() + "/logged-out"));
      assertThat(browser.findElement(By.id("logged-out")).getText()).isEqualTo("You are logged out.");
      // Were the provider's session still alive, this would come straight back logged in.
      browser.get(app() + "/dead-letters");
      wait.until(ExpectedConditions.urlToBe(OIDC.issuer() + "/login"));

      logInAtProvider(browser, wait, "opsadmin");
      wait.until(backAt("/dead-letters"));
      waitForRow(browser, wait, row);
      assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("OPS_ADMIN");
      assertThat(browser.getPageSource()).as("the list is metadata for an admin too").doesNotContain(customer);
      browser.findElement(By.id(row)).findElement(By.cssSelector("button.reveal")).click();

      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reveal-audit")));
      assertThat(browser.findElement(By.id("key")).getText()).isEqualTo(customer);
      assertThat(browser.findElement(By.id("value")).getText()).contains("\"eventId\" : \"evt-" + customer + "\"",
          "\"customerId\" : \"" + customer + "\"");
      String audit = browser.findElement(By.id("reveal-audit")).getText();
      assertThat(audit).contains("REVEALED", "opsadmin");
      String auditId = browser.findElement(By.cssSelector("#reveal-audit code")).getText();

      browser.get(app() + "/dead-letters");
      WebElement entry = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-" + auditId)));
      assertThat(entry.findElement(By.className("who")).getText()).isEqualTo("opsadmin");
      assertThat(entry.findElement(By.className("action")).getText()).isEqualTo("REVEAL");
      assertThat(entry.findElement(By.className("letter")).getText())
          .isEqualTo("winback.dlq.v1 p" + letter.partition() + " @" + letter.offset());
      assertThat(entry.getText()).contains("REVEALED", "UTC");

      browser.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.urlToBe(app() + "/logged-out"));
    } finally {
      browser.quit();
    }
  }

  private static void logInAtProvider(ChromeDriver browser, WebDriverWait wait, String user) {
    wait.until(ExpectedConditions.urlToBe(OIDC.issuer() + "/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Back at the page asked for before the login (Spring Security marks that with {@code ?continue}). */
  private ExpectedCondition<Boolean> backAt(String path) {
    return ExpectedConditions.urlMatches("^" + Pattern.quote(app() + path) + "(\\?continue)?$");
  }

  /** The page lists the newest letters as they are when it is rendered: reload until ours is there. */
  private static void waitForRow(ChromeDriver browser, WebDriverWait wait, String row) {
    wait.until(driver -> {
      if (!driver.findElements(By.id(row)).isEmpty()) {
        return true;
      }
      driver.navigate().refresh();
      return false;
    });
  }
}
