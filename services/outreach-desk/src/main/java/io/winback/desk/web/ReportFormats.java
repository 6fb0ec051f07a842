package io.winback.desk.web;

import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Rates, uplifts and hours as people read them in their language, for the report templates:
 * {@code ${@reportFormats.percent(group.winBackRate)}}; "–" where there is no number.
 */
@Component("reportFormats")
public class ReportFormats {

  static final String NONE = "–";

  public String percent(Double rate) {
    return rate == null ? NONE : number(rate * 100, 1) + " %";
  }

  /** Percentage points with a sign, e.g. +12.5 pp. */
  public String points(Double difference) {
    return difference == null ? NONE : (difference > 0 ? "+" : "") + number(difference * 100, 1) + " pp";
  }

  public String hours(Double hours) {
    return hours == null ? NONE : number(hours, 1) + " h";
  }

  /** A rate's machine-readable form for data attributes (the chart, tests): a dot, no grouping. */
  public String raw(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String number(double value, int digits) {
    NumberFormat format = NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(value);
  }
}
