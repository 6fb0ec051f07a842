package io.winback.cli.replay;

import io.winback.policy.PolicySettings;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/** Which settings the proposal changes, as {@code long-standing-years: 5 -> 3}. */
final class SettingsDifference {

  private SettingsDifference() {}

  static List<String> between(PolicySettings before, PolicySettings after) {
    List<String> changes = new ArrayList<>();
    for (RecordComponent component : PolicySettings.class.getRecordComponents()) {
      Object was = value(component, before);
      Object is = value(component, after);
      if (!same(was, is)) {
        changes.add(DataObjectPropertyName.toDashedForm(component.getName()) + ": " + format(was) + " -> "
            + format(is));
      }
    }
    return changes;
  }

  /** 100.00 and 100.0 are one threshold (YAML reads the first as the second). */
  private static boolean same(Object was, Object is) {
    if (was instanceof BigDecimal left && is instanceof BigDecimal right) {
      return left.compareTo(right) == 0;
    }
    return Objects.equals(was, is);
  }

  private static Object value(RecordComponent component, PolicySettings settings) {
    try {
      return component.getAccessor().invoke(settings);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of the policy settings", e);
    }
  }

  /** Durations as the configuration writes them (7d, 36h), everything else as it prints. */
  private static String format(Object value) {
    if (value instanceof Duration duration) {
      if (duration.toMillis() % Duration.ofDays(1).toMillis() == 0) {
        return duration.toDays() + "d";
      }
      if (duration.toMillis() % Duration.ofHours(1).toMillis() == 0) {
        return duration.toHours() + "h";
      }
      if (duration.toMillis() % Duration.ofMinutes(1).toMillis() == 0) {
        return duration.toMinutes() + "m";
      }
      return duration.toMillis() + "ms";
    }
    return String.valueOf(value);
  }
}
