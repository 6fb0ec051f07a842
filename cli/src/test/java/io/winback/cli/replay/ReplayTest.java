package io.winback.cli.replay;

import static io.winback.cli.replay.ReplayFixtures.cancellation;
import static io.winback.cli.replay.ReplayFixtures.customer;
import static io.winback.cli.replay.ReplayFixtures.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.ContactHistory;
import io.winback.policy.Decision;
import io.winback.policy.PolicySettings;
import io.winback.policy.RuleIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison: both sides decided as the processor decides a first contact, and what counts as a change. */
class ReplayTest {

  /** Wednesday 11 November 2026, 10:00 in Berlin. */
  private static final Instant PUBLISHED = Instant.parse("2026-11-11T09:00:00Z");

  private final PolicySettings today = PolicyBinding.today();
  private final PolicySettings threeYears = PolicyBinding.bind(
      List.of(ProposedSetting.fromOption("long-standing-years=3")));

  @Test
  void exactlyTheCustomersWithThreeToFiveYearsMoveFromAPhoneCallToAVisit() {
    List<PastCancellation> cancellations = new ArrayList<>();
    Map<String, CustomerRelationship> crm = new HashMap<>();
    for (int years = 1; years <= 8; years++) {
      String customerId = "C-" + years + "y";
      cancellations.add(new PastCancellation(cancellation("E-" + years, customerId, PUBLISHED), PUBLISHED));
      crm.put(customerId, customer(customerId, years, PUBLISHED));
    }

    ReplayResult result = replay(today, threeYears).run(cancellations, new CrmSnapshot(crm, Set.of(), 0), Map.of(),
        0);

    assertThat(result.decided()).isEqualTo(8);
    assertThat(result.changed()).extracting(ReplayedCase::customerId).containsExactly("C-3y", "C-4y");
    assertThat(result.changed()).allSatisfy(changed -> {
      assertThat(changed.before().channel()).isEqualTo(Channel.PHONE);
      assertThat(changed.before().goal()).isEqualTo(Goal.FEEDBACK);
      assertThat(changed.after().channel()).isEqualTo(Channel.IN_PERSON);
      assertThat(changed.after().goal()).isEqualTo(Goal.WIN_BACK);
      assertThat(changed.after().rules()).contains(RuleIds.PREFER_IN_PERSON_LONG_STANDING,
          RuleIds.GOAL_WIN_BACK_LONG_STANDING);
    });
    assertThat(result.transitions()).containsExactly(Map.entry("PHONE/FEEDBACK -> IN_PERSON/WIN_BACK", 2));
    assertThat(result.before().channelLine()).isEqualTo("EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:4,IN_PERSON:4,SUPPRESSED:0");
    assertThat(result.after().channelLine()).isEqualTo("EMAIL:0,LETTER:0,WHATSAPP:0,PHONE:2,IN_PERSON:6,SUPPRESSED:0");
    assertThat(result.before().goals()).containsExactly(Map.entry("WIN_BACK", 4), Map.entry("FEEDBACK", 4));
    assertThat(result.after().goals()).containsExactly(Map.entry("WIN_BACK", 6), Map.entry("FEEDBACK", 2));
    assertThat(result.before().rules()).containsEntry(RuleIds.PREFER_PHONE_POSITIVE_RESPONSE, 4)
        .containsEntry(RuleIds.PREFER_IN_PERSON_LONG_STANDING, 4);
    assertThat(result.after().rules()).containsEntry(RuleIds.PREFER_PHONE_POSITIVE_RESPONSE, 2)
        .containsEntry(RuleIds.PREFER_IN_PERSON_LONG_STANDING, 6);
  }

  @Test
  void aHoldoutShareShowsWhoWouldNoLongerBeContactedAsTheProcessorDecidesItBeforeAnything() {
    List<PastCancellation> cancellations = new ArrayList<>();
    Map<String, CustomerRelationship> crm = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      String customerId = "C-h" + i;
      cancellations.add(new PastCancellation(cancellation("E-h" + i, customerId, PUBLISHED), PUBLISHED));
      crm.put(customerId, customer(customerId, 2, PUBLISHED));
    }
    PolicySettings thirtyPercent = PolicyBinding.bind(List.of(ProposedSetting.fromOption("holdout-percent=30")));
    ChannelPolicy proposed = new ChannelPolicy(thirtyPercent);

    ReplayResult result = replay(today, thirtyPercent).run(cancellations, new CrmSnapshot(crm, Set.of(), 0), Map.of(),
        0);

    List<String> holdout = crm.keySet().stream()
        .filter(id -> proposed.cohort(id) == io.winback.events.Cohort.HOLDOUT).sorted().toList();
    assertThat(holdout).hasSizeBetween(40, 80);
    assertThat(result.changed()).extracting(ReplayedCase::customerId).containsExactlyInAnyOrderElementsOf(holdout);
    assertThat(result.changed()).allSatisfy(changed -> {
      assertThat(changed.before().suppressed()).isFalse();
      assertThat(changed.after().suppressedBy()).isEqualTo(RuleIds.HOLDOUT);
    });
    assertThat(result.after().rules()).containsEntry(RuleIds.HOLDOUT, holdout.size());
  }

  @Test
  void eachSideDecidesWhatTheProcessorsPolicyDecidesForAFirstContactAtPublication() {
    CustomerRelationship customer = customer("C-1", 4, PUBLISHED);
    PastCancellation past = new PastCancellation(cancellation("E-1", "C-1", PUBLISHED), PUBLISHED);

    ReplayResult result = replay(today, today).run(List.of(past), new CrmSnapshot(Map.of("C-1", customer), Set.of(), 0),
        Map.of(), 0);

    Decision processor = new ChannelPolicy(PolicySettings.defaults())
        .decide(past.event(), customer, ContactHistory.none(), PUBLISHED);
    assertThat(result.before().rules()).containsOnlyKeys(
        processor.rationale().stream().map(rationale -> rationale.ruleId()).toList());
    assertThat(result.before().channels()).containsEntry(((Decision.Contact) processor).channel().name(), 1);
    assertThat(result.changed()).isEmpty();
  }

  @Test
  void aSuppressedCaseHasNoGoalAndCountsByItsRule() {
    CustomerRelationship doNotContact = CustomerRelationship.newBuilder(customer("C-1", 2, PUBLISHED))
        .setDoNotContact(true).build();
    CustomerRelationship noConsent = CustomerRelationship.newBuilder(customer("C-2", 2, PUBLISHED))
        .setConsent(io.winback.events.Consent.newBuilder().build()).build();

    ReplayResult result = replay(today, threeYears).run(List.of(
            new PastCancellation(cancellation("E-1", "C-1", PUBLISHED), PUBLISHED),
            new PastCancellation(cancellation("E-2", "C-2", PUBLISHED), PUBLISHED)),
        new CrmSnapshot(Map.of("C-1", doNotContact, "C-2", noConsent), Set.of(), 0), Map.of(), 0);

    assertThat(result.before().channels()).containsEntry(ReplayOutcome.SUPPRESSED, 2);
    assertThat(result.before().suppressedBy()).containsExactly(
        Map.entry(RuleIds.SUPPRESS_DO_NOT_CONTACT, 1), Map.entry(RuleIds.SUPPRESS_NO_ELIGIBLE_CHANNEL, 1));
    assertThat(result.before().goals()).containsExactly(Map.entry("WIN_BACK", 0), Map.entry("FEEDBACK", 0));
    assertThat(result.changed()).isEmpty();
  }

  @Test
  void aDoNotContactRecordedBeforeTheCancellationSuppressesItOnBothSidesOneRecordedAfterDoesNot() {
    Map<String, CustomerRelationship> crm = Map.of("C-1", customer("C-1", 4, PUBLISHED),
        "C-2", customer("C-2", 4, PUBLISHED));

    ReplayResult result = replay(today, threeYears).run(List.of(
            new PastCancellation(cancellation("E-1", "C-1", PUBLISHED), PUBLISHED),
            new PastCancellation(cancellation("E-2", "C-2", PUBLISHED), PUBLISHED)),
        new CrmSnapshot(crm, Set.of(), 0),
        Map.of("C-1", PUBLISHED.minusSeconds(86_400), "C-2", PUBLISHED.plusSeconds(60)), 0);

    assertThat(result.before().suppressedBy()).containsExactly(Map.entry(RuleIds.SUPPRESS_DO_NOT_CONTACT_RECORDED, 1));
    assertThat(result.after().suppressedBy()).containsExactly(Map.entry(RuleIds.SUPPRESS_DO_NOT_CONTACT_RECORDED, 1));
    assertThat(result.changed()).extracting(ReplayedCase::customerId).containsExactly("C-2");
  }

  @Test
  void onlyTheOutcomeTheSharedTableSuppressesWithRecordsADoNotContact() {
    assertThat(java.util.Arrays.stream(io.winback.events.Outcome.values()).filter(DoNotContact::recordedBy))
        .containsExactly(io.winback.events.Outcome.DO_NOT_CONTACT);
  }

  @Test
  void whatTheProcessorWouldNotDecideIsSkippedAndCounted() {
    Map<String, CustomerRelationship> crm = Map.of("C-1", customer("C-1", 2, PUBLISHED));
    List<PastCancellation> cancellations = List.of(
        new PastCancellation(cancellation("E-1", "C-1", PUBLISHED), PUBLISHED),
        new PastCancellation(cancellation("E-1", "C-1", PUBLISHED), PUBLISHED.plusSeconds(5)),
        new PastCancellation(withdrawal("E-2", "C-1", PUBLISHED), PUBLISHED.plusSeconds(60)),
        new PastCancellation(cancellation("E-3", "C-erased", PUBLISHED), PUBLISHED),
        new PastCancellation(cancellation("E-4", "C-unknown", PUBLISHED), PUBLISHED));

    ReplayResult result = replay(today, threeYears).run(cancellations, new CrmSnapshot(crm, Set.of("C-erased"), 0),
        Map.of(), 3);

    assertThat(result.decided()).isEqualTo(1);
    assertThat(result.skipped()).containsExactly(
        Map.entry(Skip.WITHDRAWAL, 1), Map.entry(Skip.DUPLICATE, 1), Map.entry(Skip.ERASED, 1),
        Map.entry(Skip.NO_CRM_DATA, 1), Map.entry(Skip.UNDECODABLE, 3), Map.entry(Skip.REFUSED, 0));
  }

  @Test
  void aCaseThatOnlyChangesItsGoalIsAChange() {
    PolicySettings lowerThreshold = PolicyBinding.bind(
        List.of(ProposedSetting.fromOption("win-back-revenue-threshold=40")));
    CustomerRelationship customer = customer("C-1", 1, PUBLISHED);

    ReplayResult result = replay(today, lowerThreshold).run(
        List.of(new PastCancellation(cancellation("E-1", "C-1", PUBLISHED), PUBLISHED)),
        new CrmSnapshot(Map.of("C-1", customer), Set.of(), 0), Map.of(), 0);

    assertThat(result.changed()).singleElement().satisfies(changed -> {
      assertThat(changed.before().channel()).isEqualTo(changed.after().channel());
      assertThat(changed.transition()).isEqualTo("PHONE/FEEDBACK -> PHONE/WIN_BACK");
    });
  }

  @Test
  void theContractEndIsJudgedAtPublicationNotAtTheTimeOfTheReplay() {
    // Published long ago: the contract has ended since, but when the processor decided it had not.
    Instant longAgo = Instant.parse("2024-03-06T09:00:00Z");
    CustomerRelationship customer = customer("C-1", 6, longAgo);

    ReplayResult result = replay(today, today).run(
        List.of(new PastCancellation(cancellation("E-1", "C-1", longAgo), longAgo)),
        new CrmSnapshot(Map.of("C-1", customer), Set.of(), 0), Map.of(), 0);

    assertThat(result.before().channels()).containsEntry("IN_PERSON", 1);
    assertThat(result.before().rules()).doesNotContainKey(RuleIds.PREFER_WRITTEN_CONTRACT_ENDED);
  }

  private static Replay replay(PolicySettings before, PolicySettings after) {
    return new Replay(new ChannelPolicy(before), new ChannelPolicy(after));
  }
}
