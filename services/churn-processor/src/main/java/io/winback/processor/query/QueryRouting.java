package io.winback.processor.query;

import io.winback.processor.ProcessorProperties;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Where a query is answered. A question about one customer is answered by the instance that owns
 * the customer's partition: here, or forwarded once to the owner with the caller's credentials
 * ({@link Forwarding}); during a rebalance the answer is 503 with Retry-After.
 */
@Component
class QueryRouting {

  private final StreamsBuilderFactoryBean factoryBean;
  private final HostInfo self;
  private final Forwarding forwarding;

  QueryRouting(StreamsBuilderFactoryBean factoryBean, ProcessorProperties properties,
      @Value("${server.port:8081}") int port) {
    this.factoryBean = factoryBean;
    this.self = new HostInfo(properties.advertisedHost(), port);
    this.forwarding = new Forwarding(self, properties.forwardTimeout());
  }

  /** The queries of this instance; null while Kafka Streams has not started. */
  CaseQueries queries() {
    KafkaStreams streams = factoryBean.getKafkaStreams();
    return streams == null ? null : new CaseQueries(streams, self);
  }

  Forwarding forwarding() {
    return forwarding;
  }

  /**
   * {@code answer} from this instance's stores when it owns the customer's partition, else the
   * owner's answer to {@code path} (a forwarded request is never forwarded again).
   */
  ResponseEntity<String> forCustomer(String customerId, String path, String forwarded, String authorization,
      Function<CaseQueries, String> answer) {
    CaseQueries queries = queries();
    if (queries == null) {
      return Problems.unavailable();
    }
    try {
      CaseQueries.Owner owner = queries.ownerOfCustomer(customerId);
      if (owner instanceof CaseQueries.Owner.Local) {
        return json(answer.apply(queries));
      }
      if (owner instanceof CaseQueries.Owner.Remote remote && forwarded == null) {
        return forwarding.get(remote.host(), path, customerId, authorization);
      }
      return Problems.unavailable();
    } catch (InvalidStateStoreException e) {
      return Problems.unavailable();
    }
  }

  static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
