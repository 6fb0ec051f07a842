package io.winback.desk.reports;

import io.winback.desk.db.Timestamps;
import io.winback.events.Channel;
import io.winback.events.Cohort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports as SQL over the read model: the cases of a period and its filters (the scope), grouped
 * and counted in PostgreSQL (FILTER, percentile_cont). Read in one repeatable-read transaction so
 * every part of a report sees the same rows.
 */
@Repository
public class ReportQueries {

  /** The most cases one case list returns. */
  public static final int CASE_LIST_LIMIT = 2000;

  /** Columns the filters narrow by, by their parameter name. */
  private static final Map<String, String> COLUMNS = Map.of("channel", "first_channel", "goal", "goal", "tier", "tier",
      "reason", "cancellation_reason", "accountManager", "account_manager");

  private final JdbcClient db;

  public ReportQueries(JdbcClient db) {
    this.db = db;
  }

  /** The cases of the period and filters as a condition on {@code c}, with its parameters. */
  record Scope(String where, Map<String, Object> params) {
    static Scope of(ReportFilter filter, ZoneId zone, boolean byChannel) {
      Map<String, Object> params = new HashMap<>();
      StringBuilder where = new StringBuilder("c.opened_at >= :periodStart AND c.opened_at < :periodEnd");
      params.put("periodStart", Timestamps.of(filter.start(zone)));
      params.put("periodEnd", Timestamps.of(filter.end(zone)));
      filter.filters().forEach((name, value) -> {
        if (name.equals("channel") && !byChannel) {
          return;
        }
        String column = COLUMNS.get(name);
        if (ReportFilter.NONE.equals(value) && !name.equals("accountManager")) {
          where.append(" AND c.").append(column).append(" IS NULL");
        } else {
          where.append(" AND c.").append(column).append(" = :f_").append(name);
          params.put("f_" + name, value);
        }
      });
      return new Scope(where.toString(), params);
    }
  }

  @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
  public Report report(ReportFilter filter, ZoneId zone) {
    Scope scope = Scope.of(filter, zone, true);
    Report.Funnel funnel = funnel(scope);
    Report.Rates rates = new Report.Rates(groups(scope, "first_channel"), groups(scope, "goal"),
        groups(scope, "tier"), groups(scope, "cancellation_reason"));
    return new Report(new Report.Period(filter.period(), filter.from(), filter.to(), zone.getId()), filter.filters(),
        funnel, rates, weekly(scope, zone), timings(scope), categories(scope), choices(scope),
        holdout(Scope.of(filter, zone, false)));
  }

  /** A case of a case list: ids, statuses, classifications and dates; nothing about the person. */
  public record CaseRow(String caseId, String cohort, String status, String displayStatus, String goal, String tier,
      String cancellationReason, String firstChannel, String customerChoice, String suppressionReason,
      Instant openedAt, Instant firstContactAt, Instant closedAt) {}

  /** The cases behind one figure, oldest first, at most {@link #CASE_LIST_LIMIT}. */
  @Transactional(readOnly = true)
  public List<CaseRow> cases(ReportFilter filter, ZoneId zone, ReportFigures.Figure figure) {
    Scope scope = Scope.of(filter, zone, !ReportFigures.ofHoldoutReport(figure));
    return db.sql("SELECT * FROM report_case c WHERE " + scope.where() + " AND " + figure.condition()
            + " ORDER BY c.opened_at, c.case_id LIMIT " + CASE_LIST_LIMIT)
        .params(scope.params()).params(ReportFigures.bind(figure))
        .query((rs, n) -> new CaseRow(rs.getString("case_id"), rs.getString("cohort"), rs.getString("status"),
            ReportFigures.displayStatus(rs.getString("cohort"), rs.getString("status")), rs.getString("goal"),
            rs.getString("tier"), rs.getString("cancellation_reason"), rs.getString("first_channel"),
            rs.getString("customer_choice"), rs.getString("suppression_reason"), Timestamps.read(rs, "opened_at"),
            Timestamps.read(rs, "first_contact_at"), Timestamps.read(rs, "closed_at")))
        .list();
  }

  private Report.Funnel funnel(Scope scope) {
    Map<String, String> figures = new LinkedHashMap<>();
    for (String key : List.of("all", "cohort:HOLDOUT", "cases", "contacted", "reached", "status:FEEDBACK_COLLECTED",
        "status:WON_BACK", "status:DECLINED", "status:NO_RESPONSE", "suppressed", "status:WITHDRAWN", "open")) {
      figures.put(key, ReportFigures.parse(key).condition().replace(":" + ReportFigures.VALUE,
          "'" + key.substring(key.indexOf(':') + 1) + "'"));
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    int i = 0;
    for (String condition : figures.values()) {
      sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(condition).append(") AS f").append(i++);
    }
    sql.append(" FROM report_case c WHERE ").append(scope.where());
    long[] n = db.sql(sql.toString()).params(scope.params()).query((rs, row) -> {
      long[] counts = new long[figures.size()];
      for (int k = 0; k < counts.length; k++) {
        counts[k] = rs.getLong("f" + k);
      }
      return counts;
    }).single();
    return new Report.Funnel(n[0], n[1], n[2], n[3], contactedByChannel(scope), n[4], n[5], n[6], n[7], n[8], n[9],
        suppressedByReason(scope), n[10], n[11]);
  }

  private Map<String, Long> contactedByChannel(Scope scope) {
    Map<String, Long> byChannel = new LinkedHashMap<>();
    for (Channel channel : Channel.values()) {
      byChannel.put(channel.name(), 0L);
    }
    db.sql("SELECT t.channel, count(DISTINCT c.case_id) AS cases FROM report_case c "
            + "JOIN report_outcome o ON o.case_id = c.case_id JOIN report_task t ON t.task_id = o.task_id "
            + "WHERE " + scope.where() + " AND " + ReportFigures.TREATED + " AND o.outcome IN "
            + ReportFigures.list(ReportFigures.CONTACT_OUTCOMES) + " GROUP BY t.channel")
        .params(scope.params())
        .query(rs -> {
          byChannel.put(rs.getString("channel"), rs.getLong("cases"));
        });
    return byChannel;
  }

  private Map<String, Long> suppressedByReason(Scope scope) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    db.sql("SELECT COALESCE(c.suppression_reason, '') AS reason, count(*) AS cases FROM report_case c WHERE "
            + scope.where() + " AND " + ReportFigures.TREATED + " AND c.status = 'SUPPRESSED' "
            + "GROUP BY 1 ORDER BY 2 DESC, 1")
        .params(scope.params()).query(rs -> {
          byReason.put(rs.getString("reason"), rs.getLong("cases"));
        });
    return byReason;
  }

  /** Win-back and feedback rates of the treated cases by {@code column} (a constant of this class). */
  private List<Report.Group> groups(Scope scope, String column) {
    return db.sql("SELECT COALESCE(c." + column + ", '" + ReportFilter.NONE + "') AS value, count(*) AS cases, "
            + "count(*) FILTER (WHERE c.status = 'WON_BACK') AS won_back, "
            + "count(*) FILTER (WHERE c.status = 'FEEDBACK_COLLECTED') AS feedback "
            + "FROM report_case c WHERE " + scope.where() + " AND " + ReportFigures.TREATED
            + " GROUP BY 1 ORDER BY 1")
        .params(scope.params())
        .query((rs, n) -> {
          long cases = rs.getLong("cases");
          return new Report.Group(rs.getString("value"), cases, rs.getLong("won_back"), rs.getLong("feedback"),
              rate(rs.getLong("won_back"), cases), rate(rs.getLong("feedback"), cases));
        }).list();
  }

  private List<Report.Week> weekly(Scope scope, ZoneId zone) {
    Map<String, Object> params = new HashMap<>(scope.params());
    params.put("zone", zone.getId());
    return db.sql("SELECT date_trunc('week', c.opened_at AT TIME ZONE :zone)::date AS week, count(*) AS cases, "
            + "count(*) FILTER (WHERE c.status = 'WON_BACK') AS won_back, "
            + "count(*) FILTER (WHERE c.status = 'FEEDBACK_COLLECTED') AS feedback "
            + "FROM report_case c WHERE " + scope.where() + " AND " + ReportFigures.TREATED
            + " GROUP BY 1 ORDER BY 1")
        .params(params)
        .query((rs, n) -> {
          long cases = rs.getLong("cases");
          return new Report.Week(rs.getObject("week", LocalDate.class), cases, rs.getLong("won_back"),
              rs.getLong("feedback"), rate(rs.getLong("won_back"), cases), rate(rs.getLong("feedback"), cases));
        }).list();
  }

  private Report.Timings timings(Scope scope) {
    return new Report.Timings(duration(scope, "c.first_contact_at"), duration(scope, "c.closed_at"));
  }

  /** Median and 90th percentile of the hours from opening to {@code end} (a column of this class). */
  private Report.Duration duration(Scope scope, String end) {
    String hours = "extract(epoch FROM " + end + " - c.opened_at) / 3600.0";
    return db.sql("SELECT count(*) AS cases, percentile_cont(0.5) WITHIN GROUP (ORDER BY " + hours + ") AS median, "
            + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + hours + ") AS p90 "
            + "FROM report_case c WHERE " + scope.where() + " AND " + ReportFigures.TREATED + " AND " + end
            + " IS NOT NULL")
        .params(scope.params())
        .query((rs, n) -> new Report.Duration(rs.getLong("cases"), number(rs, "median"), number(rs, "p90")))
        .single();
  }

  private List<Report.Category> categories(Scope scope) {
    return db.sql("SELECT o.feedback_category AS category, count(*) AS answers, count(DISTINCT c.case_id) AS cases "
            + "FROM report_case c JOIN report_outcome o ON o.case_id = c.case_id WHERE " + scope.where()
            + " AND o.feedback_category IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")
        .params(scope.params())
        .query((rs, n) -> new Report.Category(rs.getString("category"), rs.getLong("answers"), rs.getLong("cases")))
        .list();
  }

  private Report.Choices choices(Scope scope) {
    long optOuts = db.sql("SELECT count(*) FROM report_case c WHERE " + scope.where() + " AND "
        + ReportFigures.parse("optout").condition()).params(scope.params()).query(Long.class).single();
    Map<String, Long> byChoice = new LinkedHashMap<>();
    db.sql("SELECT c.customer_choice AS choice, count(*) AS cases FROM report_case c WHERE " + scope.where()
            + " AND c.customer_choice IS NOT NULL GROUP BY 1 ORDER BY 1")
        .params(scope.params()).query(rs -> {
          byChoice.put(rs.getString("choice"), rs.getLong("cases"));
        });
    return new Report.Choices(optOuts, byChoice);
  }

  private HoldoutReport holdout(Scope scope) {
    Map<String, Map<String, HoldoutReport.Side>> byGoal = sides(scope, "c.goal");
    Map<String, Map<String, HoldoutReport.Side>> byTier = sides(scope, "c.tier");
    Map<String, Map<String, HoldoutReport.Side>> overall = sides(scope, "'ALL'");
    List<HoldoutReport.Side> treatedByChannel = new ArrayList<>(
        sides(scope, "c.first_channel").getOrDefault(Cohort.TREATED.name(), Map.of()).values());
    return new HoldoutReport(HoldoutCalculation.DEFINITION, HoldoutCalculation.METHOD,
        HoldoutCalculation.compare("ALL", overall).get(0), HoldoutCalculation.compare(null, byGoal),
        HoldoutCalculation.compare(null, byTier), treatedByChannel);
  }

  /** Cases and returned cases by cohort, then by {@code dimension} (an expression of this class). */
  private Map<String, Map<String, HoldoutReport.Side>> sides(Scope scope, String dimension) {
    Map<String, Map<String, HoldoutReport.Side>> sides = new LinkedHashMap<>();
    for (Cohort cohort : Cohort.values()) {
      sides.put(cohort.name(), new LinkedHashMap<>());
    }
    db.sql("SELECT c.cohort, COALESCE(" + dimension + ", '" + ReportFilter.NONE + "') AS value, count(*) AS cases, "
            + "count(*) FILTER (WHERE c.status IN " + ReportFigures.list(ReportFigures.RETURNED) + ") AS returned "
            + "FROM report_case c WHERE " + scope.where() + " AND c.cohort IS NOT NULL GROUP BY 1, 2 ORDER BY 2, 1")
        .params(scope.params()).query(rs -> {
          String value = rs.getString("value");
          long cases = rs.getLong("cases");
          long returned = rs.getLong("returned");
          sides.computeIfAbsent(rs.getString("cohort"), k -> new LinkedHashMap<>())
              .put(value, new HoldoutReport.Side(value, cases, returned, rate(returned, cases)));
        });
    return sides;
  }

  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
