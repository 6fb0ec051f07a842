package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE = """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{application="churn-processor",area="heap",id="G1 Eden Space"} 4.194304E7
      jvm_memory_used_bytes{application="churn-processor",area="heap",id="G1 Old Gen"} 2.097152E7
      jvm_memory_used_bytes{application="churn-processor",area="heap",id="G1 Survivor Space"} 1048576.0
      jvm_memory_used_bytes{application="churn-processor",area="nonheap",id="Metaspace"} 9.9E7
      jvm_memory_used_bytes_total{area="heap"} 123.0
      # HELP jvm_gc_live_data_size_bytes Size of long-lived heap memory pool after reclamation
      jvm_gc_live_data_size_bytes{application="churn-processor"} 1.5E7
      """;

  @Test
  void heapIsTheSumOfTheHeapPoolsOnly() {
    assertThat(PrometheusText.heapUsedBytes(SCRAPE)).hasValue(41_943_040 + 20_971_520 + 1_048_576);
  }

  @Test
  void liveDataIsRead() {
    assertThat(PrometheusText.liveDataBytes(SCRAPE)).hasValue(15_000_000);
  }

  @Test
  void unlabelledSamplesAndMissingMetrics() {
    assertThat(PrometheusText.liveDataBytes("jvm_gc_live_data_size_bytes 42.0\n")).hasValue(42);
    assertThat(PrometheusText.heapUsedBytes("up 1\n")).isEmpty();
  }

  @Test
  void restoredRecordsAreTheRestoreConsumersOwnCount() {
    String scrape = """
        kafka_consumer_fetch_manager_records_consumed_total{client_id="app-1-StateUpdater-1-restore-consumer",kafka_version="4.1.2"} 72000.0
        kafka_consumer_fetch_manager_records_consumed_total{client_id="app-1-StateUpdater-1-restore-consumer",topic="app-1-cases-changelog"} 35000.0
        kafka_consumer_fetch_manager_records_consumed_total{client_id="app-1-StreamThread-1-consumer",kafka_version="4.1.2"} 26000.0
        """;

    assertThat(PrometheusText.restoredRecords(scrape)).hasValue(72_000);
    assertThat(PrometheusText.restoredRecords("up 1\n")).isEmpty();
  }

  @Test
  void restoringTasksAreSummedOverTheStateUpdaters() {
    String scrape = """
        kafka_stream_state_updater_active_restoring_tasks{thread_id="app-1-StateUpdater-1"} 4.0
        kafka_stream_state_updater_active_restoring_tasks{thread_id="app-1-StateUpdater-2"} 2.0
        """;

    assertThat(PrometheusText.activeRestoringTasks(scrape)).hasValue(6);
  }
}
