package io.winback.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RingBufferTest {

  @Test
  void keepsTheNewestItemsOldestFirst() {
    RingBuffer<Integer> buffer = new RingBuffer<>(3);
    for (int i = 1; i <= 5; i++) {
      buffer.add(i);
    }

    assertThat(buffer.toList()).containsExactly(3, 4, 5);
    assertThat(buffer.newest()).isEqualTo(5);
    assertThat(buffer.size()).isEqualTo(3);
  }

  @Test
  void aPartlyFilledBufferHoldsWhatWasAdded() {
    RingBuffer<String> buffer = new RingBuffer<>(4);
    buffer.add("a");
    buffer.add("b");

    assertThat(buffer.toList()).containsExactly("a", "b");
  }
}
