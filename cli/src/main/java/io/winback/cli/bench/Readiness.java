package io.winback.cli.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of the processor's {@code /actuator/health/readiness}: 200 only while Kafka Streams is
 * RUNNING with no store restoring (its StreamsHealth indicator). With an OPS login the answer also
 * names the Streams state and the stores being restored; without one, or before Spring is up, those
 * are unknown.
 *
 * @param status          the HTTP status, 0 when nothing answered
 * @param state           the Kafka Streams state, null when not shown
 * @param restoringStores stores (store partitions) being restored, -1 when not shown
 */
record Readiness(int status, String state, int restoringStores) {

  static final Readiness NO_ANSWER = new Readiness(0, null, -1);

  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Pattern RESTORING = Pattern.compile("\"restoringStores\"\\s*:\\s*(\\d+)");

  static Readiness parse(int status, String body) {
    String text = body == null ? "" : body;
    Matcher state = STATE.matcher(text);
    Matcher restoring = RESTORING.matcher(text);
    return new Readiness(status, state.find() ? state.group(1) : null,
        restoring.find() ? Integer.parseInt(restoring.group(1)) : -1);
  }

  boolean answered() {
    return status > 0;
  }

  boolean ready() {
    return status == 200;
  }

  boolean restoring() {
    return restoringStores > 0;
  }
}
