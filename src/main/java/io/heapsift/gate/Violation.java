package io.heapsift.gate;

import io.heapsift.event.Stack;

/**
 * One broken rule, as one sentence in JaCoCo's form: what, at which stack, the measured value, the limit —
 * "definitely lost bytes at leaf_alloc ← mid ← main is 128, but expected maximum is 0".
 *
 * @param rule    the rule id ({@link Metric#id()}, {@code budget}, {@code fail-on-increase})
 * @param message the sentence
 * @param line    input line of the leak record or first allocation (0 = the whole trace)
 * @param stack   the stack it is about, or {@link Stack#EMPTY}
 * @param key     its stable key, or null
 */
public record Violation(String rule, String message, long line, Stack stack, String key) {
}
