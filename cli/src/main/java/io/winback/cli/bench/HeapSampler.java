package io.winback.cli.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Asks the processor once a second for its used heap (the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the heap pools) and its live data after GC, and
 * keeps the peaks. A look a second sees most of the saw-tooth, not necessarily its very top.
 *
 * <p>It asks {@code /actuator/prometheus} for just those two metrics ({@code includedNames}), which
 * answers without a login and renders nothing else. The whole page, every Kafka Streams metric,
 * took about a tenth of the processor's CPU samples when read once a second on a 2-core machine;
 * {@code /actuator/metrics} needs a login, and HTTP basic with the embedded users' BCrypt hashes
 * cost the processor more CPU than its stream thread used (JFR, 2 requests a second).
 */
final class HeapSampler implements AutoCloseable {

  static final String HEAP = "jvm_memory_used_bytes";
  static final String LIVE = "jvm_gc_live_data_size_bytes";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final ProcessorChild processor;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile double peakHeapBytes;
  private volatile double peakLiveBytes;
  private volatile int samples;

  HeapSampler(ProcessorChild processor) {
    this.processor = processor;
    this.thread = new Thread(this::run, "winback-bench-heap");
    thread.setDaemon(true);
  }

  HeapSampler start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      long next = System.nanoTime() + 1_000_000_000L;
      String scrape = processor.metrics(http, HEAP, LIVE);
      if (scrape != null) {
        OptionalDouble heap = PrometheusText.heapUsedBytes(scrape);
        OptionalDouble live = PrometheusText.liveDataBytes(scrape);
        if (heap.isPresent()) {
          peakHeapBytes = Math.max(peakHeapBytes, heap.getAsDouble());
          samples++;
        }
        if (live.isPresent()) {
          peakLiveBytes = Math.max(peakLiveBytes, live.getAsDouble());
        }
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Peak used heap in MiB, rounded up. */
  long peakHeapMb() {
    return (long) Math.ceil(peakHeapBytes / (1024 * 1024));
  }

  long peakLiveMb() {
    return (long) Math.ceil(peakLiveBytes / (1024 * 1024));
  }

  int samples() {
    return samples;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
