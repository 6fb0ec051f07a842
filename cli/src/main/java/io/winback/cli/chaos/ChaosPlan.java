package io.winback.cli.chaos;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Everything a chaos run does, decided up front from the seed: the treatment of each cancellation
 * and its delay, the poison records and where they go, and the fault schedule. A pure function of
 * the settings: the same seed gives the same plan (what the faults then meet depends on timing).
 *
 * <p>Faults are spread evenly over 5-85 % of the feed, in an order the seed shuffles, so that they
 * fall on a system under load and the last one still has traffic after it.
 */
public final class ChaosPlan {

  private static final double FAULTS_FROM = 0.05;
  private static final double FAULTS_TO = 0.85;

  private final ChaosSettings settings;
  private final Treatment[] treatments;
  private final int[] delayMillis;
  private final List<Poison> poison;
  private final List<Fault> faults;

  public ChaosPlan(ChaosSettings settings) {
    this.settings = settings;
    Random random = new Random(settings.seed());
    int n = settings.cancellations();
    treatments = new Treatment[n];
    delayMillis = new int[n];
    for (int i = 0; i < n; i++) {
      double roll = random.nextDouble();
      double edge = ChaosSettings.DUPLICATED;
      Treatment treatment;
      if (roll < edge) {
        treatment = Treatment.DUPLICATED;
      } else if (roll < (edge += ChaosSettings.LATE_CRM)) {
        treatment = Treatment.LATE_CRM;
      } else if (roll < (edge += ChaosSettings.CONSENT_WITHDRAWN)) {
        treatment = Treatment.CONSENT_WITHDRAWN;
      } else if (roll < edge + ChaosSettings.CANCELLATION_WITHDRAWN) {
        treatment = Treatment.CANCELLATION_WITHDRAWN;
      } else {
        treatment = Treatment.PLAIN;
      }
      treatments[i] = treatment;
      delayMillis[i] = switch (treatment) {
        case PLAIN -> 0;
        case DUPLICATED -> 500 + random.nextInt(4_500); // a re-delivery some seconds later
        case LATE_CRM -> 5_000 + random.nextInt(25_000); // well inside the processor's 15 min data grace
        case CONSENT_WITHDRAWN -> 200 + random.nextInt(2_800); // while the task is on its way to the desk
        case CANCELLATION_WITHDRAWN -> 1_000 + random.nextInt(19_000);
      };
    }
    poison = planPoison(settings.poison(), n, random);
    faults = planFaults(settings.killsPerProcessor(), n, random);
  }

  private static List<Poison> planPoison(int count, int cancellations, Random random) {
    List<TopicSpec<?, ?>> inputs = Topics.INPUTS;
    Poison.Kind[] kinds = Poison.Kind.values();
    List<Poison> planned = new ArrayList<>(count);
    for (int number = 0; number < count; number++) {
      // Round robin over topic x kind, so every one of the nine pairs gets its share.
      TopicSpec<?, ?> topic = inputs.get(number % inputs.size());
      Poison.Kind kind = kinds[(number / inputs.size()) % kinds.length];
      planned.add(new Poison(number, topic, kind, random.nextInt(cancellations)));
    }
    planned.sort(Comparator.comparingInt(Poison::afterCancellation).thenComparingInt(Poison::number));
    return List.copyOf(planned);
  }

  private static List<Fault> planFaults(int killsPerProcessor, int cancellations, Random random) {
    List<Fault> kinds = new ArrayList<>();
    for (int kill = 0; kill < killsPerProcessor; kill++) {
      kinds.add(new Fault(Fault.Kind.KILL_PROCESSOR, 0, 0));
      kinds.add(new Fault(Fault.Kind.KILL_PROCESSOR, 1, 0));
    }
    kinds.add(new Fault(Fault.Kind.RESTART_BROKER, 0, 0));
    kinds.add(new Fault(Fault.Kind.KILL_BROKER, 0, 0));
    kinds.add(new Fault(Fault.Kind.SMTP_OUTAGE, 0, 0));
    kinds.add(new Fault(Fault.Kind.RESTART_POSTGRES, 0, 0));
    Collections.shuffle(kinds, random);
    List<Fault> scheduled = new ArrayList<>(kinds.size());
    double span = (FAULTS_TO - FAULTS_FROM) * cancellations / kinds.size();
    for (int slot = 0; slot < kinds.size(); slot++) {
      int at = (int) (FAULTS_FROM * cancellations + span * (slot + random.nextDouble() * 0.5));
      Fault fault = kinds.get(slot);
      scheduled.add(new Fault(fault.kind(), fault.target(), Math.min(at, cancellations - 1)));
    }
    return List.copyOf(scheduled);
  }

  public ChaosSettings settings() {
    return settings;
  }

  public int cancellations() {
    return treatments.length;
  }

  public Treatment treatment(int index) {
    return treatments[index];
  }

  /** For a treatment with a delay: how long after the cancellation it happens. */
  public Duration delay(int index) {
    return Duration.ofMillis(delayMillis[index]);
  }

  public long count(Treatment treatment) {
    long count = 0;
    for (Treatment t : treatments) {
      if (t == treatment) {
        count++;
      }
    }
    return count;
  }

  /** In feed order. */
  public List<Poison> poison() {
    return poison;
  }

  /** In schedule order. */
  public List<Fault> faults() {
    return faults;
  }
}
