package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WritesPerCaseTest {

  @Test
  void topicsAreGroupedIntoTasksTheCaseAndOneKindPerStore() {
    Map<String, WriteTally.Written> byTopic = new TreeMap<>();
    byTopic.put("outreach.tasks.written.v1", new WriteTally.Written(60, 60 * 21, 60 * 1_500));
    byTopic.put("outreach.tasks.phone.v1", new WriteTally.Written(40, 40 * 21, 40 * 3_300));
    byTopic.put("winback.cases.v1", new WriteTally.Written(100, 100 * 41, 100 * 183));
    byTopic.put("app-1-cases-changelog", new WriteTally.Written(100, 100 * 41, 100 * 315));
    byTopic.put("app-1-customer-cases-changelog", new WriteTally.Written(100, 100 * 21, 100 * 300));
    byTopic.put("app-1-relationships-changelog", new WriteTally.Written(20, 20 * 21, 20 * 176));
    byTopic.put("app-1-timers-changelog", WriteTally.NOTHING);

    Map<String, WriteTally.Written> kinds = WritesPerCase.byKind(byTopic, "app-1",
        List.of("outreach.tasks.written.v1", "outreach.tasks.phone.v1"), List.of("relationships"));

    assertThat(kinds).containsOnlyKeys("task", "case", "cases store", "customer-cases store", "timers store");
    assertThat(kinds.get("task").records()).isEqualTo(100);
    assertThat(WritesPerCase.describe(kinds, 100)).isEqualTo("4.00 records, 3,142 B: task 1.00 × 2,241 B,"
        + " case 1.00 × 224 B, cases store 1.00 × 356 B, customer-cases store 1.00 × 321 B");
  }

  @Test
  void noCasesSaysSo() {
    assertThat(WritesPerCase.describe(Map.of(), 0)).isEqualTo("no cases");
  }
}
