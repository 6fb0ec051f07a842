package io.winback.cli;

import io.winback.cli.io.JsonLine;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.TopicSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
    description = {
        "Validates JSON lines against a topic's schema and publishes them as Avro, keyed as the topic requires.",
        "Each line is an event in the schema's field names (timestamps ISO-8601, dates YYYY-MM-DD, enums as",
        "strings, decimals as strings or numbers, optional fields may be left out), or an envelope",
        "{\"key\": \"...\", \"value\": ...}; a null value publishes a tombstone on a compacted topic.",
        "A bad line is reported on stderr with its line number, field and reason, and is not published."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every line was published", "1:some lines were bad (the rest were published unless --strict)",
        "2:usage error or unknown topic", "3:Kafka not reachable", "4:publishing failed"})
public class ProduceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TOPIC", description = "A topic of the catalogue, e.g. billing.cancellations.v1")
  String topicName;

  @Parameters(index = "1", paramLabel = "FILE", description = "A file of JSON lines, or - for standard input")
  String file;

  @Option(names = "--strict", description = "Publish nothing if any line is bad.")
  boolean strict;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    TopicSpec<?, ?> topic = CatalogueTopics.require(topicName);
    PrintWriter err = spec.commandLine().getErr();
    List<JsonLine.Record> good = new ArrayList<>();
    int bad = 0;
    int lineNumber = 0;
    try (BufferedReader reader = open()) {
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          good.add(JsonLine.parse(line, topic));
        } catch (JsonLine.BadLine e) {
          bad++;
          err.printf("line %d: %s%s%n", lineNumber,
              e.field().isEmpty() ? "" : "field " + e.field() + ": ", e.getMessage());
        }
      }
    }
    if (bad > 0 && strict) {
      err.printf("--strict: %d bad line(s), nothing published to %s%n", bad, topic.name());
      return CommandFailure.INVALID_INPUT;
    }
    int published = publish(topic, good);
    err.printf("published %d record(s) to %s%s%n", published, topic.name(),
        bad > 0 ? "; " + bad + " bad line(s) not published" : "");
    err.flush();
    return bad > 0 ? CommandFailure.INVALID_INPUT : 0;
  }

  private BufferedReader open() throws IOException {
    if ("-".equals(file)) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    try {
      return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CommandFailure("no such file: " + file, 2);
    }
  }

  private int publish(TopicSpec<?, ?> topic, List<JsonLine.Record> records) {
    if (records.isEmpty()) {
      return 0;
    }
    try (Admin admin = kafka.admin()) {
      kafka.requireReachable(admin, Duration.ofSeconds(10));
      TopicProvisioner.ensure(admin, List.of(topic));
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerConfig())) {
      for (JsonLine.Record record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic.name(), record.keyBytes(), record.value())));
      }
      producer.flush();
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while publishing");
    } catch (ExecutionException e) {
      throw new CommandFailure("publishing to " + topic.name() + " failed: " + e.getCause().getMessage());
    }
    return sent.size();
  }
}
