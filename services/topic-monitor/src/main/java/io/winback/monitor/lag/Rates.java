package io.winback.monitor.lag;

import java.time.Duration;
import java.util.List;

/**
 * Records per second from offsets seen over time. Offsets only move forward on a healthy topic;
 * a drop (a topic deleted and created again, an offset reset) is not negative traffic, so it
 * counts as none.
 */
public final class Rates {

  /** An offset (or a sum of offsets) at a point in time, epoch milliseconds. */
  public record Point(long at, long offset) {}

  private Rates() {}

  public static double perSecond(Point from, Point to) {
    long millis = to.at() - from.at();
    if (millis <= 0) {
      return 0;
    }
    long records = Math.max(0, to.offset() - from.offset());
    return records * 1000.0 / millis;
  }

  /**
   * The rate over the newest {@code window} of {@code points} (oldest first): from the oldest point
   * inside the window to the newest. Over a window rather than between the last two samples, so
   * one late sample does not make the rate jump. Zero with fewer than two points.
   */
  public static double perSecond(List<Point> points, Duration window) {
    if (points.size() < 2) {
      return 0;
    }
    Point newest = points.get(points.size() - 1);
    long since = newest.at() - window.toMillis();
    Point oldest = points.get(points.size() - 2);
    for (int i = points.size() - 2; i >= 0; i--) {
      if (points.get(i).at() < since) {
        break;
      }
      oldest = points.get(i);
    }
    return perSecond(oldest, newest);
  }
}
