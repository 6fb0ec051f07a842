package io.winback.desk.consent;

import io.winback.desk.db.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How complete the desk's copy of crm.relationships.v1 is, per partition: "at this instant the
 * desk had applied everything committed on the partition". Tasks and CRM data arrive on separate
 * topics with no order between them; this is what lets a send wait until a consent withdrawal
 * published before it has certainly been read, whichever replica reads that partition.
 */
@Repository
public class CrmFeed {

  private final JdbcClient db;

  public CrmFeed(JdbcClient db) {
    this.db = db;
  }

  /** Never moves back: a replica that lost the partition cannot overwrite a newer instant. */
  public void caughtUp(int partition, Instant asOf, String readBy) {
    db.sql("""
        INSERT INTO crm_feed (crm_partition, caught_up_at, read_by) VALUES (:p, :at, :by)
        ON CONFLICT (crm_partition) DO UPDATE SET caught_up_at = EXCLUDED.caught_up_at, read_by = EXCLUDED.read_by
        WHERE crm_feed.caught_up_at < EXCLUDED.caught_up_at
        """).param("p", partition).param("at", Timestamps.of(asOf)).param("by", readBy).update();
  }

  public Optional<Instant> caughtUpAt(int partition) {
    return db.sql("SELECT caught_up_at FROM crm_feed WHERE crm_partition = :p").param("p", partition)
        .query((rs, n) -> Timestamps.read(rs, "caught_up_at")).optional();
  }

  /** The oldest partition's instant: how far behind the desk's view of the CRM can be at most. */
  public Optional<Instant> oldestCaughtUpAt() {
    return Optional.ofNullable(db.sql("SELECT MIN(caught_up_at) AS oldest FROM crm_feed")
        .query((rs, n) -> Timestamps.read(rs, "oldest")).list().get(0));
  }
}
