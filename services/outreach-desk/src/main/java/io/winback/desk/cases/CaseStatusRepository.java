package io.winback.desk.cases;

import io.winback.desk.db.Timestamps;
import io.winback.events.WinbackCase;
import io.winback.schemas.rules.CaseStatuses;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest status of each case as the processor published it on winback.cases.v1. */
@Repository
public class CaseStatusRepository {

  private final JdbcClient db;

  public CaseStatusRepository(JdbcClient db) {
    this.db = db;
  }

  /**
   * Keeps the newer of what is stored and {@code state}: a case record read again after a
   * rebalance, or by the other replica, never turns a case back to an older status.
   */
  public void save(WinbackCase state) {
    db.sql("""
        INSERT INTO case_status (case_id, status, status_reason, updated_at)
        VALUES (:id, :status, :reason, :updatedAt)
        ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
          updated_at = EXCLUDED.updated_at
        WHERE case_status.updated_at <= EXCLUDED.updated_at
        """)
        .param("id", state.getCaseId()).param("status", state.getStatus().name())
        .param("reason", state.getStatusReason()).param("updatedAt", Timestamps.of(state.getUpdatedAt())).update();
  }

  /** A tombstone on winback.cases.v1: the case is gone. */
  public void delete(String caseId) {
    db.sql("DELETE FROM case_status WHERE case_id = :id").param("id", caseId).update();
  }

  /**
   * Retention: up to {@code limit} closed cases whose status last changed before {@code before}
   * are removed (the processor tombstones them once they expire; this is the desk's own bound).
   */
  public int removeClosedBefore(Instant before, int limit) {
    List<String> closed = CaseStatuses.CLOSED.stream().map(Enum::name).toList();
    return db.sql("""
        DELETE FROM case_status WHERE case_id IN (
          SELECT case_id FROM case_status WHERE status IN (:closed) AND updated_at < :before
          ORDER BY updated_at LIMIT :limit)
        """).param("closed", closed).param("before", Timestamps.of(before)).param("limit", limit).update();
  }

  /** The statuses of the customer's cases the desk has tasks of, for the subject access report. */
  public List<CaseStatusView> ofCustomer(String customerId) {
    return db.sql("""
        SELECT c.case_id, c.status, c.status_reason, c.updated_at FROM case_status c
        WHERE c.case_id IN (SELECT case_id FROM task WHERE customer_id = :id) ORDER BY c.case_id
        """).param("id", customerId)
        .query((rs, n) -> new CaseStatusView(rs.getString("case_id"), rs.getString("status"),
            rs.getString("status_reason"), Timestamps.read(rs, "updated_at")))
        .list();
  }

  public Optional<CaseStatusView> find(String caseId) {
    return db.sql("SELECT case_id, status, status_reason, updated_at FROM case_status WHERE case_id = :id")
        .param("id", caseId)
        .query((rs, n) -> new CaseStatusView(rs.getString("case_id"), rs.getString("status"),
            rs.getString("status_reason"), Timestamps.read(rs, "updated_at")))
        .optional();
  }
}
