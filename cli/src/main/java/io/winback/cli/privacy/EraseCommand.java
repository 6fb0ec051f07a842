package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.cli.CommandFailure;
import io.winback.cli.KafkaConnection;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.Topics;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "erase", mixinStandardHelpOptions = true,
    description = {
        "Erases a customer for good, as the CRM does: publishes the CRM tombstone (the",
        "customer's id with no value) on crm.relationships.v1, for operators without a",
        "CRM at hand. Then waits until every copy Winback can reach is gone:",
        "winback.keys.v1 has the erased marker instead of the customer's key, the churn",
        "processor's and the outreach desk's subject access reports hold no personal",
        "data, and no dead letter of the customer opens. What remains on disk (old log",
        "segments until compaction) is gone within winback.privacy.erasure-deadline",
        "(24 h by default); see the README, Privacy.",
        "It cannot be undone: it asks for the customer id again unless --yes is given."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the tombstone is published and every copy is gone", "2:usage error, or not confirmed",
        "3:Kafka not reachable",
        "4:the tombstone could not be published, or not every copy was gone within --timeout (listed on stderr)"})
public class EraseCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The customer's id, as the CRM knows it")
  String customerId;

  @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
  boolean yes;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long to wait for every copy to be gone (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "2",
      description = "How often to look again (default: ${DEFAULT-VALUE})")
  double pollSeconds;

  @Mixin
  ServiceOptions services = new ServiceOptions();

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (customerId == null || customerId.isBlank()) {
      throw new CommandFailure("CUSTOMER_ID is blank", 2);
    }
    String customer = customerId.strip();
    services.authorization(); // a usage error before anything is published
    confirm(customer);
    TrustedPackages.install();
    try (Admin admin = kafka.admin()) {
      kafka.requireReachable(admin, Duration.ofSeconds(10));
    }
    PrintWriter out = spec.commandLine().getOut();
    ReportGatherer gatherer = new ReportGatherer(new ServiceReports(services), new CustomerRecords(kafka),
        Clock.systemUTC());
    // What is personal about this customer, while it can still be read: afterwards no report may hold it.
    PersonalValues personal = PersonalValues.in(gatherer.report(customer));

    RecordMetadata tombstone = publishTombstone(customer);
    out.printf("published the CRM tombstone for %s on %s (partition %d, offset %d)%n", customer,
        Topics.RELATIONSHIPS.name(), tombstone.partition(), tombstone.offset());
    out.printf("waiting up to %d s until every copy is gone%n", timeoutSeconds);
    out.flush();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    List<ErasureCheck.Outstanding> last = null;
    while (true) {
      ObjectNode report = gatherer.report(customer);
      List<ErasureCheck.Outstanding> outstanding = ErasureCheck.outstanding(report, personal);
      if (outstanding.isEmpty()) {
        printDone(out, report);
        return 0;
      }
      if (!outstanding.equals(last)) {
        outstanding.forEach(item -> out.println("  not yet: " + item.what()));
        out.flush();
        last = outstanding;
      }
      boolean waitingHelps = outstanding.stream().anyMatch(ErasureCheck.Outstanding::settles);
      if (!waitingHelps || System.nanoTime() > deadline) {
        PrintWriter err = spec.commandLine().getErr();
        outstanding.forEach(item -> err.println("winback privacy erase: not gone: " + item.what()));
        err.println(waitingHelps ? "winback privacy erase: not every copy was gone within " + timeoutSeconds + " s"
            : "winback privacy erase: what remains does not go by waiting");
        err.flush();
        return CommandFailure.FAILED;
      }
      Thread.sleep((long) (pollSeconds * 1000));
    }
  }

  private void printDone(PrintWriter out, ObjectNode report) {
    int letters = report.path("parts").path(SubjectAccessReport.DEAD_LETTERS).path("records").size();
    out.printf("%s: %s%n", Topics.KEYS.name(), "ERASED".equals(report.path("parts")
        .path(SubjectAccessReport.CUSTOMER_KEY).path("state").asText()) ? "the erased marker replaced the key"
        : "no key was ever written");
    out.println(ServiceReports.PROCESSOR + ": no personal data in its report");
    out.println(ServiceReports.DESK + ": no personal data in its report");
    out.printf("%s: %d dead letter(s) of the customer, none opens%n", Topics.DEAD_LETTERS.name(), letters);
    out.println("every copy is erased; old log segments and changelogs are compacted within "
        + "winback.privacy.erasure-deadline (24 h by default)");
    out.flush();
  }

  private void confirm(String customer) {
    if (yes) {
      return;
    }
    Console console = System.console();
    if (console == null) {
      throw new CommandFailure("erasing " + customer + " cannot be undone: run it in a terminal to confirm, or pass "
          + "--yes", 2);
    }
    String typed = console.readLine("Erase customer %s for good? Type the customer id to confirm: ", customer);
    if (typed == null || !typed.strip().equals(customer)) {
      throw new CommandFailure("not confirmed: nothing was published", 2);
    }
  }

  private RecordMetadata publishTombstone(String customer) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerConfig())) {
      return producer.send(new ProducerRecord<>(Topics.RELATIONSHIPS.name(),
          customer.getBytes(StandardCharsets.UTF_8), null)).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted: the tombstone may or may not have been published");
    } catch (ExecutionException | TimeoutException e) {
      throw new CommandFailure("the tombstone could not be published on " + Topics.RELATIONSHIPS.name() + ": "
          + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
    }
  }
}
