package io.winback.processor.intake;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.rules.EventChecks;
import java.util.Optional;

/**
 * The rules the schema cannot check ({@link EventChecks}, shared with {@code winback replay}), as the
 * processor applies them: a record that breaks one is schema-valid nonsense, {@link InvalidInputException},
 * and goes to the dead-letter topic with the problem as its reason.
 */
public final class Validation {

  private Validation() {}

  public static void check(String key, CancellationEvent event) {
    refuse(EventChecks.problem(key, event));
  }

  public static void check(String key, CustomerRelationship relationship) {
    refuse(EventChecks.problem(key, relationship));
  }

  public static void check(String key, OutreachFeedback feedback) {
    refuse(EventChecks.problem(key, feedback));
  }

  public static void requireKey(String key) {
    refuse(EventChecks.keyProblem(key));
  }

  private static void refuse(Optional<String> problem) {
    if (problem.isPresent()) {
      throw new InvalidInputException(problem.get());
    }
  }
}
