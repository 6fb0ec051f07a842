package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/** Reads every part of a customer's subject access report: the two services, the keys, the dead letters. */
final class ReportGatherer {

  private final ServiceReports services;
  private final CustomerRecords records;
  private final Clock clock;

  ReportGatherer(ServiceReports services, CustomerRecords records, Clock clock) {
    this.services = services;
    this.records = records;
    this.clock = clock;
  }

  ObjectNode report(String customerId) {
    ServiceAnswer processor = services.processor(customerId);
    ServiceAnswer desk = services.desk(customerId);
    // The key first: a dead letter written after it was read could only read as "not available".
    SubjectAccessReport.KeyFinding key = SubjectAccessReport.KeyFinding.of(customerId,
        records.keyHistory(customerId));
    return SubjectAccessReport.assemble(customerId, clock.instant(), processor, desk, key,
        records.deadLetters(customerId));
  }
}
