package io.winback.policy;

import io.winback.events.Channel;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When a task is due: written at once, phone within some business days, in person within some
 * days; never inside the customer's quiet hours and, when the contract ends sooner, brought
 * forward to the last contact window before it ends, because the point is to talk while the
 * customer is still a customer. When no such window is left, only a written outreach is
 * scheduled (the policy decides so, see {@link #windowBeforeContractEnd}). All local-time logic
 * happens in the customer's zone.
 */
public final class DueDates {

  /** The zone assumed when the CRM sends none or one that is not a valid IANA id. */
  public static final ZoneId FALLBACK_ZONE = ZoneId.of("Europe/Berlin");

  private final PolicySettings settings;

  public DueDates(PolicySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The customer's zone; a missing or invalid id falls back to Europe/Berlin, Winback's home. */
  public static ZoneId zoneOf(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      return FALLBACK_ZONE;
    }
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException invalid) {
      return FALLBACK_ZONE;
    }
  }

  /** {@link #schedule} without the rationale. */
  public Instant dueAt(Channel channel, Instant now, ZoneId customerZone, LocalDate effectiveAt) {
    return schedule(channel, now, customerZone, effectiveAt).at();
  }

  /**
   * The due time and the rules that set it.
   *
   * @param effectiveAt the date the contract ends; {@code null} means no cap
   */
  public DueDate schedule(Channel channel, Instant now, ZoneId customerZone, LocalDate effectiveAt) {
    Objects.requireNonNull(channel, "channel");
    ZonedDateTime local = now.atZone(Objects.requireNonNull(customerZone, "customerZone"));
    List<Rationale> rationale = new ArrayList<>();
    ZonedDateTime target = switch (ChannelFamily.of(channel)) {
      case WRITTEN -> {
        rationale.add(new Rationale(RuleIds.DUE_WRITTEN_AT_ONCE, "written outreach is due at once"));
        yield local;
      }
      case PHONE -> {
        rationale.add(new Rationale(RuleIds.DUE_PHONE_BUSINESS_DAYS,
            "phone call due within " + settings.phoneBusinessDays() + " business days"));
        yield plusBusinessDays(local, settings.phoneBusinessDays());
      }
      case IN_PERSON -> {
        rationale.add(new Rationale(RuleIds.DUE_IN_PERSON_DAYS,
            "meeting due within " + settings.inPersonDays() + " days"));
        yield local.plusDays(settings.inPersonDays());
      }
    };

    ZonedDateTime regular = settings.quietHours().earliestAllowedFrom(target);
    if (effectiveAt != null) {
      ZonedDateTime cap = lastWindowBefore(effectiveAt, customerZone);
      if (regular.isAfter(cap)) {
        ZonedDateTime earliest = settings.quietHours().earliestAllowedFrom(local);
        if (cap.isBefore(earliest)) {
          if (ChannelFamily.of(channel) != ChannelFamily.WRITTEN) {
            throw new IllegalArgumentException("no contact window is left before the contract ends on " + effectiveAt
                + ": only a written outreach may be scheduled, not " + channel);
          }
          // Written and the contract already over: due at once (out of quiet hours), as always.
        } else {
          rationale.add(new Rationale(RuleIds.DUE_BEFORE_CONTRACT_END,
              "brought forward to the last contact window before the contract ends"));
          return new DueDate(cap.toInstant(), rationale);
        }
      }
    }
    if (!regular.isEqual(target)) {
      rationale.add(quietHoursRationale());
    }
    return new DueDate(regular.toInstant(), rationale);
  }

  /**
   * Whether a contact window is left before the contract ends: the earliest time contact is
   * allowed from {@code now} is not after the last minute before {@code effectiveAt} that is not
   * quiet. Without an end date there always is one.
   */
  public boolean windowBeforeContractEnd(Instant now, ZoneId customerZone, LocalDate effectiveAt) {
    if (effectiveAt == null) {
      return true;
    }
    ZonedDateTime earliest = settings.quietHours().earliestAllowedFrom(now.atZone(customerZone));
    return !lastWindowBefore(effectiveAt, customerZone).isBefore(earliest);
  }

  /** The contract counts as ended from the start of its end date, in the customer's zone. */
  private ZonedDateTime lastWindowBefore(LocalDate effectiveAt, ZoneId customerZone) {
    return settings.quietHours().latestAllowedBefore(effectiveAt.atStartOfDay(customerZone));
  }

  private Rationale quietHoursRationale() {
    return new Rationale(RuleIds.DUE_QUIET_HOURS, "moved out of quiet hours ("
        + settings.quietHoursStart() + " to " + settings.quietHoursEnd()
        + " and Sundays, customer's local time)");
  }

  // Saturdays and Sundays do not count; the local time of day is kept.
  private static ZonedDateTime plusBusinessDays(ZonedDateTime start, int businessDays) {
    ZonedDateTime t = start;
    int counted = 0;
    while (counted < businessDays) {
      t = t.plusDays(1);
      if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
        counted++;
      }
    }
    return t;
  }
}
