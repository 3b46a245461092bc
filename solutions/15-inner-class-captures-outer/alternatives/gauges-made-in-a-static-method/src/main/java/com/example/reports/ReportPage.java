package com.example.reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of a saved report: the rows its query found, as the report screen shows them ("1,204
 * rows in 0.8 s") and the CSV export writes them.
 *
 * <p>The report screen builds one per request and drops it once the response is written. A report
 * finds anything from a few rows to a year of ledger lines.
 */
public final class ReportPage {

    private final String reportId;
    private final List<Row> rows;
    private final Duration queryTime;

    public ReportPage(String reportId, List<Row> rows, Duration queryTime) {
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.rows = List.copyOf(rows);
        this.queryTime = Objects.requireNonNull(queryTime, "queryTime");
    }

    /**
     * Publishes this run as the report's gauges: how many rows it found ({@code report.rows.<id>})
     * and how long its query took ({@code report.query.millis.<id>}). The data team's dashboard
     * flags a report that suddenly finds nothing, or takes ten times as long, and shows the latest
     * run until the report runs again.
     */
    public void publishMetrics(MetricsRegistry metrics) {
        metrics.gauge("report.rows." + reportId, fixed(rows.size()));
        metrics.gauge("report.query.millis." + reportId, fixed(queryTime.toMillis()));
    }

    /** A gauge of one number. Static: a lambda made here has no page to capture, only {@code value}. */
    private static MetricsRegistry.Gauge fixed(long value) {
        return () -> value;
    }

    public String reportId() {
        return reportId;
    }

    public List<Row> rows() {
        return rows;
    }

    public int rowCount() {
        return rows.size();
    }

    public Duration queryTime() {
        return queryTime;
    }

    /** The sum of the amounts, shown under the table. */
    public BigDecimal total() {
        return rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The table as the CSV export writes it: a header, a line per row, and the total. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("date,account,description,amount\n");
        for (Row row : rows) {
            csv.append(row.date()).append(',').append(row.account()).append(',')
                    .append(row.description()).append(',').append(row.amount().toPlainString()).append('\n');
        }
        return csv.append("total,,,").append(total().toPlainString()).append('\n').toString();
    }
}
