package io.winback.processor.cases;

import java.util.List;

/** The result of applying one event to a case: its next file and the effects to carry out. */
public record Transition(CaseFile file, List<Effect> effects) {

  public Transition {
    effects = List.copyOf(effects);
  }

  public static Transition unchanged(CaseFile file) {
    return new Transition(file, List.of());
  }

  public static Transition rejected(CaseFile file, String reason) {
    return new Transition(file, List.of(new Effect.Reject(reason)));
  }
}
