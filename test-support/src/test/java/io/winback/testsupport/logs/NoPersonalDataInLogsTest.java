package io.winback.testsupport.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.slf4j.LoggerFactory;

/** The scan, run on sample test classes the way the build runs every test class. */
@LogsPersonalDataOnPurpose
class NoPersonalDataInLogsTest {

  static Path serviceLog;

  /** Logs a customer's email address at INFO: must fail. */
  static class LogsAnEmailAtInfo {
    @Test
    void logs() {
      LoggerFactory.getLogger("sample").info("email for anna.schmidt@example.org sent");
    }
  }

  /** Logs it at DEBUG only, and only ids at INFO: passes. */
  static class LogsIdsAtInfo {
    @Test
    void logs() {
      LoggerFactory.getLogger("sample").debug("email for anna.schmidt@example.org sent");
      LoggerFactory.getLogger("sample").info("email task t-1 of case case-1 sent");
    }
  }

  /** A service of the test writes a phone number at WARN to its own log: must fail. */
  static class AServiceLogsAPhoneNumber {
    @Test
    void logs() throws Exception {
      NoPersonalDataInLogs.watch(serviceLog);
      Files.writeString(serviceLog, "2026-12-01T09:00:00.000Z  WARN 1 --- [desk] x : calling +4930123456 failed\n",
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  @Test
  void aCustomersEmailInATestJvmsInfoLineFailsTheTestClass() {
    assertThat(failure(run(LogsAnEmailAtInfo.class))).contains("carry a customer's personal data")
        .contains("an email address").doesNotContain("anna.schmidt@example.org");
  }

  @Test
  void idsAtInfoAndDetailsAtDebugAreFine() {
    run(LogsIdsAtInfo.class).containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void aServicesOwnLogIsScannedToo() throws Exception {
    serviceLog = Files.createTempFile("service", ".log");
    assertThat(failure(run(AServiceLogsAPhoneNumber.class))).contains("a phone number").contains("service");
  }

  private static EngineExecutionResults run(Class<?> sample) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true").execute();
  }

  private static String failure(EngineExecutionResults results) {
    return results.containerEvents().failed().stream().map(Event::getPayload)
        .map(payload -> payload.map(Object::toString).orElse("")).reduce("", String::concat);
  }
}
