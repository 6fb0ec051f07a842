package io.winback.cli.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Both sides of a replay counted, the skipped records by reason, and the cases that change. */
public final class ReplayResult {

  private final DecisionMix before = new DecisionMix();
  private final DecisionMix after = new DecisionMix();
  private final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
  private final List<ReplayedCase> changed = new ArrayList<>();
  private final Map<String, Integer> transitions = new TreeMap<>();
  private int decided;

  ReplayResult() {
    for (Skip skip : Skip.values()) {
      skipped.put(skip, 0);
    }
  }

  void add(ReplayedCase replayed) {
    decided++;
    before.add(replayed.before());
    after.add(replayed.after());
    if (replayed.changed()) {
      changed.add(replayed);
      transitions.merge(replayed.transition(), 1, Integer::sum);
    }
  }

  void skip(Skip reason, int count) {
    skipped.merge(reason, count, Integer::sum);
  }

  /** The cancellations decided by both sides: N on the summary line. */
  public int decided() {
    return decided;
  }

  public DecisionMix before() {
    return before;
  }

  public DecisionMix after() {
    return after;
  }

  /** Every reason, in the enum's order, zeros included. */
  public Map<Skip, Integer> skipped() {
    return Collections.unmodifiableMap(skipped);
  }

  /** The cases whose channel, goal or suppression changes, in the order they were read. */
  public List<ReplayedCase> changed() {
    return Collections.unmodifiableList(changed);
  }

  /** How many changed cases went from one decision to another, e.g. {@code PHONE/FEEDBACK -> IN_PERSON/WIN_BACK}. */
  public Map<String, Integer> transitions() {
    return Collections.unmodifiableMap(transitions);
  }
}
