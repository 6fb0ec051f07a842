package io.winback.cli.bench;

import io.winback.cli.demo.DemoCustomers;
import io.winback.events.CancellationEvent;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's customers and cancellations: the demo's realistic mix (languages, tiers,
 * contact preferences, account managers), with ids unique to the run ({@code BENCH-<run>-000001})
 * and every customer reachable by email and not blocked, so that each cancellation yields exactly
 * one outreach task (in person, phone or, most often, written) and none is suppressed.
 */
public final class BenchWorkload {

  private final String keyPrefix;
  private final DemoCustomers demo;
  private final List<CustomerRelationship> customers;
  private long contracts;

  public BenchWorkload(String runId, int customerCount, long seed, Clock clock) {
    if (customerCount < 1) {
      throw new IllegalArgumentException("at least one customer, not " + customerCount);
    }
    this.keyPrefix = "BENCH-" + runId + "-";
    this.demo = new DemoCustomers(seed, clock);
    List<CustomerRelationship> generated = demo.relationships(customerCount);
    this.customers = new ArrayList<>(customerCount);
    for (int i = 0; i < generated.size(); i++) {
      customers.add(reachable(generated.get(i), i + 1));
    }
  }

  /** Every key (customerId) of this run starts with it; outputs are counted by it. */
  public String keyPrefix() {
    return keyPrefix;
  }

  public List<CustomerRelationship> customers() {
    return customers;
  }

  /** A new CANCELLED event, with a new eventId and contract, by a customer picked at random. */
  public CancellationEvent nextCancellation() {
    CustomerRelationship customer = customers.get(demo.nextIndex(customers.size()));
    CancellationEvent event = demo.cancellation(customer);
    event.setContractId("K-" + customer.getCustomerId().substring(keyPrefix.length()) + "-" + (++contracts));
    return event;
  }

  private CustomerRelationship reachable(CustomerRelationship generated, int number) {
    String customerId = keyPrefix + "%06d".formatted(number);
    return CustomerRelationship.newBuilder(generated)
        .setCustomerId(customerId)
        .setEmail(generated.getEmail() != null ? generated.getEmail() : "customer" + number + "@example.org")
        .setConsent(Consent.newBuilder(generated.getConsent()).setEmail(true).build())
        .setDoNotContact(false)
        .build();
  }
}
