package io.winback.desk.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.events.Channel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The desk's counters on /actuator/prometheus. Every one exists from start-up at zero for each of
 * its label values, so an alert's increase() sees the first event too.
 */
@Component
public class DeskMetrics {

  private final MeterRegistry registry;
  private final Counter emailsSent;
  private final Counter emailsResentInDoubt;
  private final Counter emailsFailed;

  public DeskMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.emailsSent = Counter.builder("winback.desk.emails.sent")
        .description("Emails an SMTP server accepted").register(registry);
    this.emailsResentInDoubt = Counter.builder("winback.desk.emails.resent.in.doubt")
        .description("Emails sent once more because the attempt before ended without a result (a crash): "
            + "the customer may have two copies with the same Message-ID").register(registry);
    this.emailsFailed = Counter.builder("winback.desk.emails.failed")
        .description("Email tasks recorded as DELIVERY_FAILED").register(registry);
    suppressionReasons().forEach(this::suppressed);
  }

  public void emailSent(boolean resentInDoubt) {
    emailsSent.increment();
    if (resentInDoubt) {
      emailsResentInDoubt.increment();
    }
  }

  public void emailFailed() {
    emailsFailed.increment();
  }

  /** A task the desk did not execute for lack of consent; {@code reason} is a {@link ConsentVerdict} reason. */
  public void taskSuppressed(String reason) {
    suppressed(reason).increment();
  }

  private Counter suppressed(String reason) {
    return Counter.builder("winback.desk.tasks.suppressed").tag("reason", code(reason))
        .description("Tasks the desk did not execute: no consent, do-not-contact, erased, or no consent data")
        .register(registry);
  }

  /** A label value for PromQL: no_consent_data, erased, do_not_contact, no_consent_email, ... */
  static String code(String reason) {
    if (ConsentVerdict.NO_CONSENT_DATA.equals(reason)) {
      return "no_consent_data";
    }
    if (ConsentVerdict.ERASED.equals(reason)) {
      return "erased";
    }
    if (ConsentVerdict.DO_NOT_CONTACT.equals(reason)) {
      return "do_not_contact";
    }
    for (Channel channel : Channel.values()) {
      if (ConsentVerdict.noConsentFor(channel).equals(reason)) {
        return "no_consent_" + channel.name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return "other";
  }

  static List<String> suppressionReasons() {
    List<String> reasons = new ArrayList<>(List.of(ConsentVerdict.NO_CONSENT_DATA, ConsentVerdict.ERASED,
        ConsentVerdict.DO_NOT_CONTACT));
    for (Channel channel : Channel.values()) {
      reasons.add(ConsentVerdict.noConsentFor(channel));
    }
    return reasons;
  }
}
