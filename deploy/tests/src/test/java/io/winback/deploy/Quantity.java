package io.winback.deploy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Kubernetes resource quantities, enough for requests and limits. */
final class Quantity {

  private static final List<Map.Entry<String, Long>> SUFFIXES = List.of(
      Map.entry("Ki", 1L << 10), Map.entry("Mi", 1L << 20), Map.entry("Gi", 1L << 30), Map.entry("Ti", 1L << 40),
      Map.entry("k", 1_000L), Map.entry("M", 1_000_000L), Map.entry("G", 1_000_000_000L),
      Map.entry("T", 1_000_000_000_000L));

  private Quantity() {}

  /** Memory in bytes: 512Mi, 1Gi, 1G, 1000. */
  static long bytes(String quantity) {
    String q = quantity.trim();
    for (Map.Entry<String, Long> suffix : SUFFIXES) { // binary suffixes come first
      if (q.endsWith(suffix.getKey())) {
        return new BigDecimal(q.substring(0, q.length() - suffix.getKey().length()))
            .multiply(BigDecimal.valueOf(suffix.getValue())).longValueExact();
      }
    }
    return new BigDecimal(q).longValueExact();
  }

  /** CPU in millicores: 250m, 1, 1.5. */
  static long millicores(String quantity) {
    String q = quantity.trim();
    if (q.endsWith("m")) {
      return Long.parseLong(q.substring(0, q.length() - 1));
    }
    return new BigDecimal(q).multiply(BigDecimal.valueOf(1000)).longValueExact();
  }
}
