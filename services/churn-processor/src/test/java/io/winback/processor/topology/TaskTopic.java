package io.winback.processor.topology;

import io.winback.events.OutreachTask;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.TopicSpec;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * A task topic of the test driver as the desk reads it: each task opened with its customer's key
 * as winback.keys.v1 has it at that moment, so a task whose key was not written with it fails the
 * test ({@code KeyMissingException}). The bytes as they are on the topic are there too.
 */
final class TaskTopic {

  private final TopicSpec<String, OutreachTask> spec;
  private final TestOutputTopic<String, byte[]> topic;
  private final Supplier<KeyRing> keys;

  TaskTopic(TopicSpec<String, OutreachTask> spec, TestOutputTopic<String, byte[]> topic, Supplier<KeyRing> keys) {
    this.spec = spec;
    this.topic = topic;
    this.keys = keys;
  }

  /** The tasks written since the last read, opened. */
  List<OutreachTask> readValuesToList() {
    return readSealedValuesToList().stream().map(task -> TaskSeals.open(task, keys.get()).value()).toList();
  }

  /** The tasks written since the last read, as they are on the topic. */
  List<OutreachTask> readSealedValuesToList() {
    return readBytesToList().stream().map(bytes -> spec.valueSerde().deserializer().deserialize(spec.name(), bytes))
        .toList();
  }

  /** The serialized values written since the last read. */
  List<byte[]> readBytesToList() {
    return topic.readValuesToList();
  }

  boolean isEmpty() {
    return topic.isEmpty();
  }
}
