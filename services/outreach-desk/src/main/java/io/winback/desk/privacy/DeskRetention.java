package io.winback.desk.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the desk keeps its rows (winback.privacy.*, next to the shared erasure deadline). The
 * retention job ({@link Retention}) removes what is older, every {@code winback.privacy.retention-interval}
 * (1 h), in batches of {@code retentionBatch} rows.
 *
 * @param deskTaskRetention a finished task (done, cancelled, suppressed, failed) is kept this long after
 *     its last change; a sent email this long after it went out
 * @param caseRetention a closed case's status is kept this long after its last change (the processor's
 *     setting of the same name: by then it has removed the case and tombstoned it, which removes it here too)
 * @param personRetention a person who works at the desk and has not logged in for this long is forgotten
 * @param retentionBatch the most rows one statement removes
 */
@ConfigurationProperties("winback.privacy")
public record DeskRetention(
    @DefaultValue("400d") Duration deskTaskRetention,
    @DefaultValue("400d") Duration caseRetention,
    @DefaultValue("180d") Duration personRetention,
    @DefaultValue("1000") int retentionBatch) {}
