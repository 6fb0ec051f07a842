package io.winback.cli.replay;

import io.winback.cli.CommandFailure;
import java.util.Objects;

/**
 * One {@code winback.policy.*} setting that replay's "after" side should use, with where it came
 * from, so an error can point at the option or file the user wrote it in.
 *
 * @param key    the full property name, {@code winback.policy.} included
 * @param value  the value as written; Spring Boot converts it when binding
 * @param source e.g. {@code --set long-standing-years=3} or {@code proposal.yml}
 */
public record ProposedSetting(String key, String value, String source) {

  static final String PREFIX = "winback.policy.";

  public ProposedSetting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /** A setting as a user writes it: with or without the {@code winback.policy.} prefix. */
  static ProposedSetting of(String key, String value, String source) {
    String name = key.strip();
    if (name.isEmpty()) {
      throw new CommandFailure("a setting without a name (" + source + ")", CommandFailure.USAGE);
    }
    return new ProposedSetting(name.startsWith(PREFIX) ? name : PREFIX + name, value.strip(), source);
  }

  /** {@code --set KEY=VALUE}. */
  public static ProposedSetting fromOption(String assignment) {
    int equals = assignment.indexOf('=');
    if (equals < 0) {
      throw new CommandFailure("--set " + assignment + ": expected KEY=VALUE, e.g. --set long-standing-years=3",
          CommandFailure.USAGE);
    }
    return of(assignment.substring(0, equals), assignment.substring(equals + 1), "--set " + assignment);
  }
}
