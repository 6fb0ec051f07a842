package io.winback.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Asks the processor once a second for its used heap (all heap pools together, the same figure as
 * the sum of {@code jvm_memory_used_bytes{area="heap"}} on {@code /actuator/prometheus}) and its
 * live data after GC, and keeps the peaks. A look a second sees most of the saw-tooth, not
 * necessarily its very top.
 *
 * <p>It reads {@code /actuator/metrics/jvm.memory.used?tag=area:heap} rather than the Prometheus
 * page: rendering every Kafka Streams metric once a second took about a tenth of the processor's
 * CPU samples on a 2-core machine, which would have slowed down what is being measured. The
 * Prometheus page is the fallback when the metrics endpoint is not exposed.
 */
final class HeapSampler implements AutoCloseable {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final URI base;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile double peakHeapBytes;
  private volatile double peakLiveBytes;
  private volatile int samples;
  private volatile int fromPrometheus;

  /** @param base the processor's root URL, e.g. http://127.0.0.1:8081 */
  HeapSampler(URI base) {
    this.base = base;
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
      try {
        OptionalDouble heap = metric("jvm.memory.used?tag=area:heap");
        OptionalDouble live = heap.isPresent() ? metric("jvm.gc.live.data.size") : OptionalDouble.empty();
        if (heap.isEmpty()) {
          String prometheus = get("/actuator/prometheus");
          if (prometheus != null) {
            heap = PrometheusText.heapUsedBytes(prometheus);
            live = PrometheusText.liveDataBytes(prometheus);
            fromPrometheus++;
          }
        }
        if (heap.isPresent()) {
          peakHeapBytes = Math.max(peakHeapBytes, heap.getAsDouble());
          samples++;
        }
        if (live.isPresent()) {
          peakLiveBytes = Math.max(peakLiveBytes, live.getAsDouble());
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception notUpYet) {
        // the processor is starting or stopping
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

  private OptionalDouble metric(String nameAndTags) throws java.io.IOException, InterruptedException {
    String body = get("/actuator/metrics/" + nameAndTags);
    return body == null ? OptionalDouble.empty() : ActuatorMetric.value(body);
  }

  private String get(String path) throws java.io.IOException, InterruptedException {
    // /actuator/metrics is for OPS_ADMIN only; without the login it answers 401 and every sample
    // would fall back to the costly Prometheus page.
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2))
        .header("Authorization", ProcessorChild.basicAuth(ProcessorChild.OPS_ADMIN)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? response.body() : null;
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

  /** Samples that had to come from the Prometheus page (the metrics endpoint did not answer). */
  int fromPrometheus() {
    return fromPrometheus;
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
