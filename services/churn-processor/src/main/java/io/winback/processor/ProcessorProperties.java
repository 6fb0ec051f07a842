package io.winback.processor;

import io.winback.processor.topology.TimerRetry;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the processor runs (winback.processor.*).
 *
 * @param dataGrace how long a cancellation waits for CRM data before its case is NEEDS_DATA
 * @param timerInterval how often due timers are checked (wall-clock punctuation)
 * @param advertisedHost the host other instances reach this one on, for forwarded queries
 * @param forwardTimeout how long a forwarded query waits for another instance (connect and answer
 *     each), so that one hung instance cannot hold every query to it
 * @param timerRetryPause how long a timer whose transition failed waits before it is tried again;
 *     the pause doubles with every failure in a row
 * @param timerRetryMaxPause the longest such pause; the timer is tried at this pace for good
 * @param timerFailuresBeforeAttention after this many failures in a row the case is published as
 *     needing attention and a dead letter names it
 * @param retentionInterval how often the retention of closed cases looks at the next batch of cases
 * @param retentionBatch how many cases one look takes in (each partition), however many are stored
 */
@ConfigurationProperties("winback.processor")
public record ProcessorProperties(
    @DefaultValue("15m") Duration dataGrace,
    @DefaultValue("1s") Duration timerInterval,
    @DefaultValue("localhost") String advertisedHost,
    @DefaultValue("5s") Duration forwardTimeout,
    @DefaultValue("5s") Duration timerRetryPause,
    @DefaultValue("15m") Duration timerRetryMaxPause,
    @DefaultValue("5") int timerFailuresBeforeAttention,
    @DefaultValue("1m") Duration retentionInterval,
    @DefaultValue("1000") int retentionBatch) {

  public TimerRetry timerRetry() {
    return new TimerRetry(timerRetryPause, timerRetryMaxPause, timerFailuresBeforeAttention);
  }
}
