package io.winback.monitor.deadletters;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one redrive as one Kafka transaction: the check whether it may happen, the redriven record
 * and its audit record. Every monitor instance uses the same transactional id, so a redrive
 * commits only if no other instance started one since this one began: the other one fences it,
 * it is run again from the start, re-reads the audit and finds the letter redriven. So a letter
 * is redriven once, whichever instances are asked, and never without its audit record.
 *
 * <p>A reveal's audit record goes through here too, though it is a single record: it rewrites the
 * letter's whole history, and only inside this fencing can no other instance's redrive land
 * between reading that history and writing it back (which would drop the redrive from it).
 *
 * <p>The producer is made on first use and again after it was fenced. One transaction at a time
 * per instance: {@link #run} holds this object's lock.
 */
public final class RedriveTransactions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedriveTransactions.class);
  private static final int RUNS = 5;

  /** Why a transaction did not commit, in words fit for the audit (no record data). */
  public static final class Failed extends Exception {
    Failed(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** Sends within the transaction and waits for the broker's acknowledgement. */
  public interface Sender {
    RecordMetadata send(ProducerRecord<byte[], byte[]> record) throws Exception;
  }

  /** The work of one transaction; it may run more than once, so it must start from what Kafka holds. */
  public interface Work<T> {
    T run(Sender sender) throws Exception;
  }

  private final Supplier<Producer<byte[], byte[]>> producers;
  private final Duration timeout;
  private Producer<byte[], byte[]> producer;

  public RedriveTransactions(Supplier<Producer<byte[], byte[]>> producers, Duration timeout) {
    this.producers = producers;
    this.timeout = timeout;
  }

  public synchronized <T> T run(Work<T> work) throws Failed {
    for (int run = 1; ; run++) {
      Producer<byte[], byte[]> current = producer();
      try {
        current.beginTransaction();
        T result = work.run(record -> current.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        current.commitTransaction();
        return result;
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
          // Another instance began a redrive: start again with a fresh producer, from the audit as it is now.
          close();
          if (run < RUNS) {
            continue;
          }
          throw new Failed("other redrives kept getting in the way; try again", cause);
        }
        abort(current);
        if (cause instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new Failed("interrupted", cause);
        }
        if (cause instanceof Failed failed) {
          throw failed;
        }
        throw new Failed(cause instanceof TimeoutException ? "no acknowledgement in time"
            : cause.getClass().getSimpleName(), cause);
      }
    }
  }

  /** For a Work to give up with a reason of its own: the transaction is aborted, nothing is written. */
  public static Failed failure(String reason) {
    return new Failed(reason, null);
  }

  private Producer<byte[], byte[]> producer() throws Failed {
    if (producer == null) {
      Producer<byte[], byte[]> created = producers.get();
      try {
        created.initTransactions();
      } catch (KafkaException e) {
        created.close(Duration.ZERO);
        throw new Failed("the redrive producer could not start: " + e.getClass().getSimpleName(), e);
      }
      producer = created;
    }
    return producer;
  }

  /** Aborts; a producer that cannot even abort is dropped and a fresh one made next time. */
  private void abort(Producer<byte[], byte[]> current) {
    try {
      current.abortTransaction();
    } catch (RuntimeException e) {
      log.warn("redrive producer dropped after a failed transaction: {}", e.getClass().getSimpleName());
      close();
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("closing the redrive producer: {}", e.getMessage());
      }
      producer = null;
    }
  }
}
