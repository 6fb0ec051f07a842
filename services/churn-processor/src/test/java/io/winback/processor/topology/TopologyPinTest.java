package io.winback.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.processor.metrics.ProcessorMetrics;
import io.winback.policy.PolicySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The topology and its store names are pinned. A store's name is its changelog topic's name: a
 * renamed store starts empty and every case, timer and do-not-contact is lost; a changed topology
 * can renumber its sub-topologies and tasks. Either change must be a deliberate one, made here.
 */
class TopologyPinTest {

  private static final String APPLICATION_ID = "winback-churn-processor";

  private static String describe() {
    return ChurnTopology.buildTopology(TopologyHarness.lifecycle(PolicySettings.defaults()), ProcessorMetrics.NONE,
        Duration.ofSeconds(1), TimerRetry.defaults()).describe().toString();
  }

  @Test
  void theTopologyIsThePinnedOne() throws IOException {
    String expected;
    try (InputStream in = TopologyPinTest.class.getResourceAsStream("/topology/churn-topology.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(describe().strip())
        .as("the topology changed; if on purpose, put this into src/test/resources/topology/churn-topology.txt")
        .isEqualTo(expected.strip());
  }

  @Test
  void theStoresAndTheirChangelogsKeepTheirNames() {
    Set<String> stores = new TreeSet<>();
    Matcher matcher = Pattern.compile("stores: \\[([^]]*)]").matcher(describe());
    while (matcher.find()) {
      for (String store : matcher.group(1).split(",\\s*")) {
        if (!store.isBlank()) {
          stores.add(store);
        }
      }
    }

    assertThat(stores).containsExactly("cases", "customer-cases", "customer-keys", "do-not-contact", "relationships",
        "timers");
    assertThat(Set.of(StoreNames.CASES, StoreNames.CUSTOMER_CASES, StoreNames.CUSTOMER_KEYS, StoreNames.RELATIONSHIPS,
        StoreNames.DO_NOT_CONTACT, StoreNames.TIMERS)).containsExactlyInAnyOrderElementsOf(stores);
    assertThat(stores.stream().map(store -> APPLICATION_ID + "-" + store + "-changelog")).containsExactly(
        "winback-churn-processor-cases-changelog",
        "winback-churn-processor-customer-cases-changelog",
        "winback-churn-processor-customer-keys-changelog",
        "winback-churn-processor-do-not-contact-changelog",
        "winback-churn-processor-relationships-changelog",
        "winback-churn-processor-timers-changelog");
  }
}
