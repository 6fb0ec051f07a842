package io.winback.processor.topology;

import io.winback.processor.cases.CaseFile;
import io.winback.processor.metrics.ProcessorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Closed cases are kept for the retention period after they closed, then removed: from the case
 * store, from their customer's case list (an empty list goes), and from winback.cases.v1 by a
 * tombstone. The store is swept a batch at a time, from where the last batch stopped, so that one
 * punctuation looks at no more than {@code batch} cases however many the store holds; a sweep
 * begins again from the start after the last case (and after a restart, the position being kept
 * in memory only).
 */
final class CaseRetention {

  private final CaseStores stores;
  private final Duration retention;
  private final int batch;
  /** The last case id looked at; null: the next sweep starts at the beginning. */
  private String position;

  CaseRetention(CaseStores stores, Duration retention, int batch) {
    this.stores = stores;
    this.retention = retention;
    this.batch = batch;
  }

  /** The next batch: the changes that remove each of its cases closed longer ago than the retention. */
  Changes expire(long timestamp) {
    Instant cutoff = Instant.ofEpochMilli(timestamp).minus(retention);
    List<CaseFile> expired = new ArrayList<>();
    String last = position;
    boolean more;
    try (KeyValueIterator<String, CaseFile> cases = position == null ? stores.cases().all()
        : stores.cases().range(position, null)) {
      int looked = 0;
      while (looked < batch && cases.hasNext()) {
        KeyValue<String, CaseFile> entry = cases.next();
        if (entry.key.equals(position) || entry.value == null) {
          continue; // where the last batch stopped (range is inclusive)
        }
        looked++;
        last = entry.key;
        if (expired(entry.value, cutoff)) {
          expired.add(entry.value);
        }
      }
      more = cases.hasNext();
    }
    position = more ? last : null;
    // One Changes for the batch: a customer with two expired cases loses both from one list.
    Changes changes = new Changes(stores);
    for (CaseFile file : expired) {
      changes.deleteCase(file.caseId());
      List<String> ids = new ArrayList<>(changes.caseIdsOf(file.customerId()));
      ids.remove(file.caseId());
      changes.putCaseIds(file.customerId(), ids);
      changes.forward(new Record<>(file.caseId(), null, timestamp), ChurnTopology.CASE_UPDATES);
      changes.count(ProcessorMetrics::caseExpired);
    }
    return changes;
  }

  static boolean expired(CaseFile file, Instant cutoff) {
    if (!file.closed()) {
      return false;
    }
    Instant closedAt = file.state().getClosedAt() != null ? file.state().getClosedAt() : file.state().getUpdatedAt();
    return closedAt.isBefore(cutoff);
  }
}
