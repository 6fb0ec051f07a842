package io.winback.cli.replay;

import static io.winback.cli.replay.ReplayFixtures.cancellation;
import static io.winback.cli.replay.ReplayFixtures.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CustomerRelationship;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.PolicySettings;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What replay prints and writes: the tables, the summary line, the CSV of changed cases. */
class ReplayReportTest {

  private static final Instant PUBLISHED = Instant.parse("2026-11-11T09:00:00Z");

  private final PolicySettings today = PolicyBinding.today();
  private final PolicySettings threeYears = PolicyBinding.bind(
      List.of(ProposedSetting.fromOption("long-standing-years=3")));

  @Test
  void theLastLineIsTheSummaryInTheChannelEnumsOrderThenSuppressed() {
    List<String> lines = ReplayReport.render(eightCustomers(), "on billing.cancellations.v1", today, threeYears,
        List.of());

    assertThat(lines.get(lines.size() - 1)).isEqualTo("replay: cancellations=9 changed=2 "
        + "before=EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:4,IN_PERSON:4,SUPPRESSED:1 "
        + "after=EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:2,IN_PERSON:6,SUPPRESSED:1");
  }

  @Test
  void thePrintoutShowsTheSettingsTheMixesTheRulesAndTheChanges() {
    List<String> lines = ReplayReport.render(eightCustomers(), "on billing.cancellations.v1", today, threeYears,
        List.of("wrote 2 changed case(s) to changed.csv"));

    assertThat(lines).startsWith(
        "policy replay: 10 cancellation record(s) on billing.cancellations.v1, 9 decided as a first contact with both"
            + " settings",
        "before: today's settings (policy version 2026-12.1)",
        "after:  long-standing-years: 5 -> 3",
        "skipped: 1 of customer(s) without CRM data: the processor waits for it and contacts nobody");
    assertThat(lines).containsSubsequence(
        "channel (first task)   before    after   change",
        "EMAIL                       0        0        0",
        "LETTER                      0        0        0",
        "WHATSAPP                    0        0        0",
        "PHONE                       4        2       -2",
        "IN_PERSON                   4        6       +2",
        "SUPPRESSED                  1        1        0");
    assertThat(lines).containsSubsequence(
        "goal (contacted cases)   before    after   change",
        "WIN_BACK                      4        6       +2",
        "FEEDBACK                      4        2       -2");
    assertThat(lines).containsSubsequence(
        "suppressed by             before    after   change",
        "suppress.do-not-contact        1        1        0");
    assertThat(lines).anySatisfy(line -> assertThat(line).matches("prefer\\.in-person\\.long-standing +4 +6 +\\+2"));
    assertThat(lines).containsSubsequence(
        "changed cases: 2 of 9 (channel, goal, or contacted vs suppressed)",
        "  PHONE/FEEDBACK -> IN_PERSON/WIN_BACK: 2",
        "wrote 2 changed case(s) to changed.csv",
        "");
    // Customer ids belong in the CSV only.
    assertThat(String.join("\n", lines)).doesNotContain("C-3y");
  }

  @Test
  void sameSettingsOnBothSidesSayNothingChanges() {
    List<String> lines = ReplayReport.render(new ReplayResult(), "on billing.cancellations.v1", today, today,
        List.of());

    assertThat(lines).contains("after:  the same settings (nothing proposed changes them)", "suppressed by: none",
        "changed cases: 0 of 0 (channel, goal, or contacted vs suppressed)");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("replay: cancellations=0 changed=0 "
        + "before=EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:0,IN_PERSON:0,SUPPRESSED:0 "
        + "after=EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:0,IN_PERSON:0,SUPPRESSED:0");
  }

  @Test
  void theCsvHasOneRowPerChangedCaseWithIdsChannelsGoalsAndRulesOnly() throws IOException {
    StringWriter csv = new StringWriter();

    ChangedCasesCsv.write(eightCustomers().changed(), csv);

    List<String> rows = csv.toString().lines().toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo(
        "customerId,cancellationEventId,beforeChannel,beforeGoal,beforeRules,afterChannel,afterGoal,afterRules");
    assertThat(rows.get(1)).startsWith("C-3y,E-3,PHONE,FEEDBACK,goal.feedback prefer.phone.positive-response")
        .contains(",IN_PERSON,WIN_BACK,goal.win-back.long-standing prefer.in-person.long-standing");
    assertThat(rows.get(2)).startsWith("C-4y,E-4,PHONE,FEEDBACK,");
    assertThat(csv.toString()).doesNotContain("Schmidt").doesNotContain("example.de").doesNotContain("+4930")
        .doesNotContain("Becker");
  }

  @Test
  void aFieldWithACommaOrQuoteIsQuoted() throws IOException {
    ReplayOutcome suppressed = new ReplayOutcome(null, null, "suppress.do-not-contact",
        List.of("suppress.do-not-contact"));
    StringWriter csv = new StringWriter();

    ChangedCasesCsv.write(List.of(new ReplayedCase("C,1", "E\"1", suppressed, suppressed)), csv);

    assertThat(csv.toString().lines().toList().get(1))
        .isEqualTo("\"C,1\",\"E\"\"1\",SUPPRESSED,,suppress.do-not-contact,SUPPRESSED,,suppress.do-not-contact");
  }

  /** Customers with 1 to 8 years, one who asked not to be contacted, one without CRM data. */
  private ReplayResult eightCustomers() {
    List<PastCancellation> cancellations = new ArrayList<>();
    Map<String, CustomerRelationship> crm = new HashMap<>();
    for (int years = 1; years <= 8; years++) {
      String customerId = "C-" + years + "y";
      cancellations.add(new PastCancellation(cancellation("E-" + years, customerId, PUBLISHED), PUBLISHED));
      crm.put(customerId, customer(customerId, years, PUBLISHED));
    }
    cancellations.add(new PastCancellation(cancellation("E-dnc", "C-dnc", PUBLISHED), PUBLISHED));
    crm.put("C-dnc", CustomerRelationship.newBuilder(customer("C-dnc", 4, PUBLISHED)).setDoNotContact(true).build());
    cancellations.add(new PastCancellation(cancellation("E-none", "C-none", PUBLISHED), PUBLISHED));
    return new Replay(new ChannelPolicy(today), new ChannelPolicy(threeYears))
        .run(cancellations, new CrmSnapshot(crm, Set.of(), 0), Map.of(), 0);
  }
}
