package io.winback.processor.topology;

import io.winback.events.WinbackCase;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Materialises winback.cases.v1 by caseId so that a query by caseId finds the owning instance. */
final class CasesByIdProcessor implements Processor<byte[], byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(CasesByIdProcessor.class);

  private KeyValueStore<String, WinbackCase> casesById;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    casesById = context.getStateStore(StoreNames.CASES_BY_ID);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String caseId = new String(record.key(), StandardCharsets.UTF_8);
    try {
      WinbackCase state = Topics.CASES.valueSerde().deserializer().deserialize(Topics.CASES.name(), record.value());
      if (state == null) {
        casesById.delete(caseId);
      } else {
        casesById.put(caseId, state);
      }
    } catch (SerializationException e) {
      log.warn("skipped an undecodable case record: {}", e.getMessage());
    }
  }
}
