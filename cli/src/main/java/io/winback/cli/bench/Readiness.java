package io.winback.cli.bench;

/**
 * One answer of the processor's {@code /actuator/health/readiness}: 200 only while Kafka Streams is
 * RUNNING with no store restoring (its StreamsHealth indicator), 503 before, nothing while the JVM
 * and Spring start.
 *
 * @param status the HTTP status, 0 when nothing answered
 */
record Readiness(int status) {

  static final Readiness NO_ANSWER = new Readiness(0);

  boolean answered() {
    return status > 0;
  }

  boolean ready() {
    return status == 200;
  }
}
