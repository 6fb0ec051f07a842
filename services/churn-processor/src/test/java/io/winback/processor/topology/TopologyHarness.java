package io.winback.processor.topology;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerKey;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseLifecycle;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.PolicySettings;
import io.winback.processor.tasks.TaskFactory;
import io.winback.processor.templates.MessageTemplates;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The churn topology in a TopologyTestDriver: typed inputs, outputs and a wall clock we move. The
 * task topics are read as the desk reads them: each task opened with its customer's key from
 * winback.keys.v1 ({@link TaskTopic}); {@link #keyRecords()} is everything the keys topic got.
 */
final class TopologyHarness implements AutoCloseable {

  static final Duration DATA_GRACE = Duration.ofMinutes(15);

  final RecordingMetrics metrics = new RecordingMetrics();
  final TopologyTestDriver driver;
  final TestInputTopic<String, CancellationEvent> cancellations;
  final TestInputTopic<String, CustomerRelationship> relationships;
  final TestInputTopic<String, OutreachFeedback> feedback;
  final TestInputTopic<byte[], byte[]> rawCancellations;
  final TestInputTopic<byte[], byte[]> rawFeedback;
  final TestInputTopic<byte[], byte[]> rawRelationships;
  final TaskTopic written;
  final TaskTopic phone;
  final TaskTopic inPerson;
  final TestOutputTopic<String, WinbackCase> cases;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private final TestOutputTopic<String, CustomerKey> keys;
  private final List<TestRecord<String, CustomerKey>> keyRecords = new ArrayList<>();
  private final KeyRing ring = new KeyRing();
  private Instant now;

  TopologyHarness(Instant start) {
    this(start, lifecycle(PolicySettings.defaults()), TIMER_RETRY);
  }

  /** Timer retries as in production, only shorter: 10 s, doubling up to 1 min, attention after 3 failures. */
  static final TimerRetry TIMER_RETRY = new TimerRetry(Duration.ofSeconds(10), Duration.ofMinutes(1), 3);

  static CaseLifecycle lifecycle(PolicySettings settings) {
    return new CaseLifecycle(new ChannelPolicy(settings), new TaskFactory(new MessageTemplates(), settings.version()),
        DATA_GRACE);
  }

  /** With a lifecycle of the test's making, e.g. one that fails where a test needs it to. */
  TopologyHarness(Instant start, CaseLifecycle lifecycle, TimerRetry timerRetry) {
    this(start, lifecycle, timerRetry, Housekeeping.defaults());
  }

  /** With retention and changelog rolls of the test's choosing. */
  TopologyHarness(Instant start, Housekeeping housekeeping) {
    this(start, lifecycle(PolicySettings.defaults()), TIMER_RETRY, housekeeping);
  }

  TopologyHarness(Instant start, CaseLifecycle lifecycle, TimerRetry timerRetry, Housekeeping housekeeping) {
    this.now = start;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "churn-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ChurnTopology.PROCESSING_EXCEPTION_HANDLER);
    try {
      props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("churn-ttd").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(ChurnTopology.buildTopology(lifecycle, metrics, Duration.ofSeconds(1), timerRetry,
        housekeeping), props, start);
    StringSerializer keys = new StringSerializer();
    cancellations = driver.createInputTopic(Topics.CANCELLATIONS.name(), keys,
        Topics.CANCELLATIONS.valueSerde().serializer(), start, Duration.ZERO);
    relationships = driver.createInputTopic(Topics.RELATIONSHIPS.name(), keys,
        Topics.RELATIONSHIPS.valueSerde().serializer(), start, Duration.ZERO);
    feedback = driver.createInputTopic(Topics.FEEDBACK.name(), keys, Topics.FEEDBACK.valueSerde().serializer(),
        start, Duration.ZERO);
    rawCancellations = driver.createInputTopic(Topics.CANCELLATIONS.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    rawFeedback = driver.createInputTopic(Topics.FEEDBACK.name(), new ByteArraySerializer(), new ByteArraySerializer());
    rawRelationships = driver.createInputTopic(Topics.RELATIONSHIPS.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    written = new TaskTopic(Topics.TASKS_WRITTEN, rawOutput(Topics.TASKS_WRITTEN.name()), this::keyRing);
    phone = new TaskTopic(Topics.TASKS_PHONE, rawOutput(Topics.TASKS_PHONE.name()), this::keyRing);
    inPerson = new TaskTopic(Topics.TASKS_IN_PERSON, rawOutput(Topics.TASKS_IN_PERSON.name()), this::keyRing);
    this.keys = output(Topics.KEYS.name(), Topics.KEYS.valueSerde());
    cases = output(Topics.CASES.name(), Topics.CASES.valueSerde());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  private <V> TestOutputTopic<String, V> output(String topic, org.apache.kafka.common.serialization.Serde<V> serde) {
    return driver.createOutputTopic(topic, Serdes.String().deserializer(), serde.deserializer());
  }

  private TestOutputTopic<String, byte[]> rawOutput(String topic) {
    return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  /** Every record winback.keys.v1 got so far, oldest first (reading tasks reads the keys topic too). */
  List<TestRecord<String, CustomerKey>> keyRecords() {
    keys.readRecordsToList().forEach(this::keyRead);
    return List.copyOf(keyRecords);
  }

  /**
   * Every key, value and header written since the last read to any topic, changelogs included, by
   * topic: raw bytes, read away from the typed outputs too (the key ring first takes in the keys).
   */
  java.util.Map<String, List<byte[]>> drainAllWrittenBytes() {
    java.util.Map<String, List<byte[]>> written = new java.util.TreeMap<>();
    for (String topic : driver.producedTopicNames()) {
      List<byte[]> bytes = new ArrayList<>();
      driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
          .readRecordsToList().forEach(record -> {
            bytes.add(record.key());
            bytes.add(record.value());
            record.headers().forEach(header -> bytes.add(header.value()));
            if (topic.equals(Topics.KEYS.name())) {
              keyRead(new TestRecord<>(new String(record.key(), StandardCharsets.UTF_8),
                  Topics.KEYS.valueSerde().deserializer().deserialize(topic, record.value()), record.headers(),
                  record.getRecordTime()));
            }
          });
      written.put(topic, bytes);
    }
    return written;
  }

  private void keyRead(TestRecord<String, CustomerKey> record) {
    keyRecords.add(record);
    ring.apply(record.key(), record.value());
  }

  /** What a reader of winback.keys.v1 knows now. */
  KeyRing keyRing() {
    keyRecords();
    return ring;
  }

  /** The value of a dead letter of an input as an OPS_ADMIN would reveal it: opened with the customer's key. */
  byte[] openedValue(TestRecord<byte[], byte[]> letter) {
    return DeadLetterSeals.open(letter.value(), keyRing(), new String(letter.key(), StandardCharsets.UTF_8),
        header(letter, DeadLetterHeaders.SOURCE_TOPIC), Integer.parseInt(header(letter, DeadLetterHeaders.SOURCE_PARTITION)),
        Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET))).value();
  }

  private static String header(TestRecord<byte[], byte[]> letter, String name) {
    return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  Instant now() {
    return now;
  }

  /** Moves the wall clock (timers fire on punctuation) and the time of the next inputs. */
  void advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  void send(CancellationEvent event) {
    cancellations.pipeInput(new TestRecord<>(event.getCustomerId(), event, now));
  }

  void send(CustomerRelationship customer) {
    relationships.pipeInput(new TestRecord<>(customer.getCustomerId(), customer, now));
  }

  void erase(String customerId) {
    relationships.pipeInput(new TestRecord<>(customerId, null, now));
  }

  void send(OutreachFeedback outcome) {
    feedback.pipeInput(new TestRecord<>(outcome.getCustomerId(), outcome, now));
  }

  /** Every task emitted so far on any task topic, in topic order written, phone, in person. */
  List<OutreachTask> allTasks() {
    List<OutreachTask> all = new ArrayList<>();
    all.addAll(written.readValuesToList());
    all.addAll(phone.readValuesToList());
    all.addAll(inPerson.readValuesToList());
    return all;
  }

  /** The latest published state of each case, in order of publication. */
  List<WinbackCase> caseUpdates() {
    return cases.readValuesToList();
  }

  WinbackCase latestCase(String caseId) {
    CaseFile file = caseFile(caseId);
    return file == null ? null : file.state();
  }

  CaseFile caseFile(String caseId) {
    return driver.<String, CaseFile>getKeyValueStore(StoreNames.CASES).get(caseId);
  }

  @Override
  public void close() {
    driver.close();
  }
}
