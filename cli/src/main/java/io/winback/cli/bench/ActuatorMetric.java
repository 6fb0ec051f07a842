package io.winback.cli.bench;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The VALUE measurement of a Spring Boot {@code /actuator/metrics/{name}} answer. */
final class ActuatorMetric {

  private static final Pattern VALUE =
      Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([-+0-9.eE]+|\"NaN\")");

  private ActuatorMetric() {}

  static OptionalDouble value(String json) {
    Matcher matcher = VALUE.matcher(json);
    if (!matcher.find() || matcher.group(1).contains("NaN")) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(matcher.group(1)));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
