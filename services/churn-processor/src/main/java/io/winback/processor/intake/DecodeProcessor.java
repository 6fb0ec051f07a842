package io.winback.processor.intake;

import io.winback.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one input topic as raw bytes and forwards to the case processor either a decoded, valid
 * {@link Inbound} or, for a record that is not, an {@link Inbound.Invalid} with the reason, which
 * the case processor dead-letters (sealed with the customer's key). Decoding here rather than in a
 * Streams serde keeps a poison record inside the exactly-once transaction and never stops the
 * stream thread.
 */
public final class DecodeProcessor<V> implements Processor<byte[], byte[], Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(DecodeProcessor.class);

  /** Turns a decoded value (null for a tombstone) into an inbound, or throws InvalidInputException. */
  @FunctionalInterface
  public interface Reader<V> {
    Inbound read(String key, V value, RawRecord raw);
  }

  private final TopicSpec<String, V> topic;
  private final Reader<V> reader;
  private final String next;
  private ProcessorContext<Object, Object> context;

  public DecodeProcessor(TopicSpec<String, V> topic, Reader<V> reader, String next) {
    this.topic = topic;
    this.reader = reader;
    this.next = next;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    RawRecord raw = new RawRecord(metadata.topic(), metadata.partition(), metadata.offset(), record.key(),
        record.value(), record.headers());
    Inbound inbound;
    try {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      inbound = reader.read(key, value, raw);
    } catch (SerializationException | InvalidInputException e) {
      inbound = new Inbound.Invalid(raw, e.getClass().getName(), e.getMessage(), e.getClass().getSimpleName());
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug in reading this record must not stop the thread on it for good: dead-lettered, loudly.
      log.error("could not decode a record from {} partition {} offset {}; dead-lettered", raw.topic(),
          raw.partition(), raw.offset(), e);
      inbound = new Inbound.Invalid(raw, e.getClass().getName(), String.valueOf(e.getMessage()), "processing-error");
    }
    context.forward(record.withKey((Object) record.key()).withValue(inbound), next);
  }
}
