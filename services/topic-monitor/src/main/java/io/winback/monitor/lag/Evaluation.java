package io.winback.monitor.lag;

/**
 * The verdict on one group-partition over its window.
 *
 * @param growing a backlog throughout the window that never fell and ended higher than it began
 * @param reason one short sentence for the operator, naming the rule that decided
 */
public record Evaluation(ConsumerStatus status, boolean growing, String reason) {}
