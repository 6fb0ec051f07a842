package io.winback.cli;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;

/** Looks a topic up in the catalogue, with an error that lists the ones there are. */
final class CatalogueTopics {

  private CatalogueTopics() {}

  static TopicSpec<?, ?> require(String name) {
    return Topics.byName(name).orElseThrow(() -> new CommandFailure(
        "unknown topic '" + name + "'; the Winback topics are: " + String.join(", ", Topics.names()),
        2));
  }
}
