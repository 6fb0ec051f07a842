package io.winback.cli.privacy;

import static io.winback.cli.privacy.PrivacyFixtures.erased;
import static io.winback.cli.privacy.PrivacyFixtures.headers;
import static io.winback.cli.privacy.PrivacyFixtures.key;
import static io.winback.cli.privacy.PrivacyFixtures.sealedValue;
import static io.winback.cli.privacy.PrivacyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.cli.Winback;
import io.winback.events.CustomerKey;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code winback privacy export} and {@code erase} on a real broker, with the customer's key on
 * winback.keys.v1 and a dead letter sealed with it, as the processor writes them. The services'
 * reports are the system test's (system-tests, PrivacyEndToEndIT): here no service runs, which the
 * document says, and which keeps an erasure from being reported done.
 */
@KafkaIntegrationTest
class PrivacyCommandsIT {

  private final String bootstrap = KafkaTestBroker.bootstrapServers();
  /** Nobody listens there: the services are down. */
  private final String nowhere = "http://127.0.0.1:" + ServiceJar.freePort();

  @BeforeAll
  static void topics() {
    TrustedPackages.install();
    try (Admin admin = KafkaTestBroker.get().admin()) {
      TopicProvisioner.ensureAll(admin);
    }
  }

  @Test
  void theExportOpensTheCustomersDeadLettersWhileTheKeyExistsAndSaysWhatDidNotAnswer() throws Exception {
    String customer = customer();
    KeyMaterial keyMaterial = Sealing.newKey(1);
    publishKey(key(customer, keyMaterial));
    RecordMetadata letter = deadLetter(customer, sealedValue(customer, keyMaterial, 41), true);
    deadLetter(customer(), sealedValue("C-other", keyMaterial, 41), true); // someone else's: not in the report

    Run run = run("privacy", "export", customer);

    assertThat(run.exit()).as(run.err()).isEqualTo(4);
    assertThat(run.err()).contains("churn-processor: no answer from " + nowhere, "the report is incomplete");
    JsonNode report = JsonRecords.mapper().readTree(run.out());
    assertThat(report.path("customerId").asText()).isEqualTo(customer);
    assertThat(report.path("complete").asBoolean()).isFalse();
    JsonNode parts = report.path("parts");
    assertThat(parts.path("churnProcessor").path("status").asText()).isEqualTo("unreachable");
    assertThat(parts.path("outreachDesk").path("source").asText())
        .isEqualTo("GET " + nowhere + "/api/privacy/customers/" + customer);
    assertThat(parts.path("customerKey").path("state").asText()).isEqualTo("KNOWN");
    JsonNode letters = parts.path("deadLetters").path("records");
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).path("partition").asInt()).isEqualTo(letter.partition());
    assertThat(letters.get(0).path("offset").asLong()).isEqualTo(letter.offset());
    assertThat(letters.get(0).path("valueState").asText()).isEqualTo("OPENED");
    assertThat(letters.get(0).path("value").path("email").asText()).isEqualTo("zora.quellmalz@example.org");
    assertThat(run.out()).doesNotContain(Base64.getEncoder().encodeToString(keyMaterial.bytes()));

    publishKey(erased(customer));

    Run after = run("privacy", "export", customer);
    JsonNode erasedReport = JsonRecords.mapper().readTree(after.out());
    assertThat(erasedReport.path("parts").path("customerKey").path("state").asText()).isEqualTo("ERASED");
    assertThat(erasedReport.path("parts").path("deadLetters").path("records").get(0).path("valueState").asText())
        .isEqualTo("ERASED");
    assertThat(after.out()).contains(customer).doesNotContain("Zora", "zora.quellmalz@example.org", "Lindenweg");
  }

  @Test
  void eraseNeverPublishesUnconfirmed() {
    String customer = customer();

    Run run = run("privacy", "erase", customer);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("cannot be undone", "--yes");
    assertThat(relationshipRecordsOf(customer)).isEmpty();
  }

  @Test
  void erasePublishesTheCrmTombstoneAndIsNotDoneWhileCopiesRemain() {
    String customer = customer();
    KeyMaterial keyMaterial = Sealing.newKey(1);
    publishKey(key(customer, keyMaterial));
    deadLetter(customer, sealedValue(customer, keyMaterial, 41), true);

    Run run = run("privacy", "erase", customer, "--yes", "--timeout", "3", "--poll", "0.5");

    assertThat(run.exit()).as(run.err()).isEqualTo(4);
    assertThat(run.out()).contains("published the CRM tombstone for " + customer + " on crm.relationships.v1");
    assertThat(relationshipRecordsOf(customer)).singleElement()
        .satisfies(record -> assertThat(record.value()).as("a tombstone").isNull());
    // No processor ran: the key is still there, its letter opens, and neither service answered.
    assertThat(run.err()).contains("not gone: winback.keys.v1", "still opens", "churn-processor: no report",
        "outreach-desk: no report", "not every copy was gone within 3 s");
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Winback.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--bootstrap-servers=" + bootstrap, "--processor-url=" + nowhere, "--desk-url=" + nowhere,
        "--user=dpo", "--password=dpo"));
    return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  private void publishKey(CustomerKey record) {
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.KEYS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.KEYS.name(), record.getCustomerId(), record)));
  }

  private RecordMetadata deadLetter(String customer, byte[] value, boolean sealed) {
    return TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, utf8(customer), value, headers(41, sealed))))
        .get(0);
  }

  private List<ConsumerRecord<byte[], byte[]>> relationshipRecordsOf(String customer) {
    return TestConsumers.readToEnd(bootstrap, Topics.RELATIONSHIPS.name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()).stream().filter(record -> Arrays.equals(record.key(), utf8(customer))).toList();
  }

  private static String customer() {
    return "C-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
