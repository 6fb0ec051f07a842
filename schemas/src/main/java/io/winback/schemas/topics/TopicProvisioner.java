package io.winback.schemas.topics;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics that do not exist yet. Every service calls it at start-up, so
 * whichever starts first lays out the topics and the others find them; existing topics are left
 * alone (a partition count is never changed behind an operator's back).
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicProvisioner() {}

  /** Creates the missing ones among {@code topics}; returns the names it created. */
  public static List<String> ensure(Admin admin, Collection<TopicSpec<?, ?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      short replication = replicationFactor(admin);
      List<NewTopic> missing = topics.stream()
          .filter(topic -> !existing.contains(topic.name()))
          .map(topic -> topic.newTopic(replication))
          .toList();
      if (missing.isEmpty()) {
        return List.of();
      }
      CreateTopicsResult result = admin.createTopics(missing);
      for (NewTopic topic : missing) {
        try {
          result.values().get(topic.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          log.info("created topic {} ({} partitions, replication {})",
              topic.name(), topic.numPartitions(), replication);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          // Another service created it between our listing and our request: that is fine.
        }
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create the Winback topics: " + e.getMessage(), e);
    }
  }

  public static List<String> ensureAll(Admin admin) {
    return ensure(admin, Topics.ALL);
  }

  private static short replicationFactor(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
    return (short) Math.min(3, Math.max(1, brokers));
  }
}
