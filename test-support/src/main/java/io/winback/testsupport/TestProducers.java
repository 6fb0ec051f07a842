package io.winback.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/** Producers configured like Winback's own: idempotent, acks=all. */
public final class TestProducers {

  private TestProducers() {
  }

  /** Sends the records and returns once the broker acknowledged every one of them. */
  public static <K, V> List<RecordMetadata> sendAll(String bootstrapServers, Serializer<K> keySerializer,
      Serializer<V> valueSerializer, List<ProducerRecord<K, V>> records) {
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(
        producerConfig(bootstrapServers), keySerializer, valueSerializer)) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      records.forEach(record -> sends.add(producer.send(record)));
      List<RecordMetadata> acks = new ArrayList<>();
      for (Future<RecordMetadata> send : sends) {
        acks.add(send.get());
      }
      return acks;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("send failed", e.getCause());
    }
  }

  /** A transactional producer with {@code initTransactions()} already done; the caller closes it. */
  public static <K, V> KafkaProducer<K, V> transactional(String bootstrapServers, String transactionalId,
      Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    Map<String, Object> config = producerConfig(bootstrapServers);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    KafkaProducer<K, V> producer = new KafkaProducer<>(config, keySerializer, valueSerializer);
    try {
      producer.initTransactions();
      return producer;
    } catch (RuntimeException e) {
      producer.close();
      throw e;
    }
  }

  private static Map<String, Object> producerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }
}
