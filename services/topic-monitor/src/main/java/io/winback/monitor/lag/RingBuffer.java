package io.winback.monitor.lag;

import java.util.ArrayList;
import java.util.List;

/** The newest {@code capacity} items, oldest first; older ones fall out. Not thread-safe. */
public final class RingBuffer<T> {

  private final Object[] items;
  private int next;
  private int size;

  public RingBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, not " + capacity);
    }
    this.items = new Object[capacity];
  }

  public void add(T item) {
    items[next] = item;
    next = (next + 1) % items.length;
    size = Math.min(size + 1, items.length);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  public T newest() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return (T) items[(next - 1 + items.length) % items.length];
  }

  @SuppressWarnings("unchecked")
  public List<T> toList() {
    List<T> list = new ArrayList<>(size);
    int start = (next - size + items.length) % items.length;
    for (int i = 0; i < size; i++) {
      list.add((T) items[(start + i) % items.length]);
    }
    return list;
  }
}
