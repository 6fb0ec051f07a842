package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.cli.CommandFailure;
import io.winback.cli.KafkaConnection;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.serde.TrustedPackages;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
        "Prints the subject access report of a customer: everything Winback holds",
        "about them, in one JSON document, each part naming where it came from: the",
        "churn processor's report (GET /privacy/customers/ID), the outreach desk's",
        "(GET /api/privacy/customers/ID), the dead letters keyed by the customer on",
        "winback.dlq.v1 (values sealed with the customer's key opened with it while it",
        "exists) and whether winback.keys.v1 has the customer's key (never its bytes).",
        "The document holds personal data: keep it where the data subject's request",
        "is handled, nowhere else."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the report is complete", "2:usage error",
        "3:Kafka not reachable", "4:a service did not answer or refused: the report is printed, incomplete"})
public class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The customer's id, as the CRM knows it")
  String customerId;

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
    TrustedPackages.install();
    try (Admin admin = kafka.admin()) {
      kafka.requireReachable(admin, Duration.ofSeconds(10));
    }
    ObjectNode report = new ReportGatherer(new ServiceReports(services), new CustomerRecords(kafka),
        Clock.systemUTC()).report(customerId.strip());
    PrintWriter out = spec.commandLine().getOut();
    out.println(JsonRecords.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    out.flush();
    if (!report.path("complete").asBoolean()) {
      PrintWriter err = spec.commandLine().getErr();
      report.path("parts").forEach(part -> {
        if (part.has("problem")) {
          err.println("winback privacy export: " + part.path("service").asText() + ": " + part.path("problem")
              .asText());
        }
      });
      err.println("winback privacy export: the report is incomplete");
      err.flush();
      return CommandFailure.FAILED;
    }
    return 0;
  }
}
