package io.winback.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * CPU seconds used, by the machine as a whole (Linux {@code /proc/stat}) and by single processes,
 * so a run can tell whether something else was busy on the machine while it measured.
 */
final class CpuUse {

  /** Clock ticks per second of {@code /proc/stat}; 100 on every common Linux. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuUse() {}

  /** Busy CPU seconds of the whole machine since boot, all CPUs together; empty off Linux. */
  static OptionalDouble machineBusySeconds() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          return OptionalDouble.of(busyTicks(line) / TICKS_PER_SECOND);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return OptionalDouble.empty();
  }

  /** user + nice + system + irq + softirq + steal of a {@code /proc/stat} cpu line (idle and iowait are not busy). */
  static long busyTicks(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    long busy = 0;
    int[] busyFields = {1, 2, 3, 6, 7, 8};
    for (int field : busyFields) {
      if (field < fields.length) {
        busy += Long.parseLong(fields[field]);
      }
    }
    return busy;
  }

  /** CPU seconds a process has used so far; 0 when it is gone or the platform does not tell. */
  static double processSeconds(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElse(0L) / 1e9;
  }

  static double selfSeconds() {
    return processSeconds(ProcessHandle.current().pid());
  }
}
