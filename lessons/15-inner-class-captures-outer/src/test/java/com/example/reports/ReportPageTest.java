package com.example.reports;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A report page and its gauges")
class ReportPageTest {

    /**
     * What the rows of a ledger have in common: its accounts, the days of a year, the items of the price
     * list. Rows share them, so what a page holds of its own is its rows.
     */
    private static final List<String> ACCOUNTS = List.of("1200 Receivables", "4000 Sales", "4010 Services",
            "6100 Travel", "6300 Rent");
    private static final List<LocalDate> DAYS = LocalDate.of(2024, 1, 1).datesUntil(LocalDate.of(2025, 1, 1)).toList();
    private static final List<String> ITEMS = List.of("Annual licence", "Support hours", "Training day",
            "Monthly hosting", "Consulting day", "Travel expenses");
    private static final List<BigDecimal> PRICES = List.of(new BigDecimal("4800.00"), new BigDecimal("95.00"),
            new BigDecimal("1250.00"), new BigDecimal("310.50"), new BigDecimal("1100.00"), new BigDecimal("-80.25"));

    /** The application's metrics, which live as long as it does: the tests' registry outlives every page. */
    private final MetricsRegistry metrics = new MetricsRegistry();

    @ContractTest
    @DisplayName("shows the rows its query found, their total, and how long the query took, and exports them as CSV")
    void showsAndExportsItsRows() {
        ReportPage page = new ReportPage("open-invoices", List.of(
                row("2024-03-01", "1200 Receivables", "Invoice 2024-0117", "1250.00"),
                row("2024-03-04", "1200 Receivables", "Invoice 2024-0121", "310.50"),
                row("2024-03-09", "4010 Services", "Credit note 2024-0009", "-80.25")), Duration.ofMillis(840));

        assertThat(page.rowCount()).as("the rows the page shows").isEqualTo(3);
        assertThat(page.total()).as("the total under the table").isEqualByComparingTo("1480.25");
        assertThat(page.queryTime()).as("how long the query took").isEqualTo(Duration.ofMillis(840));
        assertThat(page.toCsv()).as("the CSV export").isEqualTo("""
                date,account,description,amount
                2024-03-01,1200 Receivables,Invoice 2024-0117,1250.00
                2024-03-04,1200 Receivables,Invoice 2024-0121,310.50
                2024-03-09,4010 Services,Credit note 2024-0009,-80.25
                total,,,1480.25
                """);
    }

    @ContractTest
    @DisplayName("publishes how many rows the run found and how long its query took, as the report's gauges")
    void publishesTheRunAsGauges() {
        render("ledger-q3", 1_204, Duration.ofMillis(812));

        assertThat(metrics.scrape()).as("the gauges a scrape reads after one run of ledger-q3")
                .containsExactly(entry("report.query.millis.ledger-q3", 812L), entry("report.rows.ledger-q3", 1_204L));
    }

    @ContractTest
    @DisplayName("reports zero rows for a run that found nothing, which is what the dashboard watches for")
    void reportsARunThatFoundNothing() {
        render("payments-today", 0, Duration.ofMillis(35));

        assertThat(metrics.scrape()).as("the gauges a scrape reads after a run that found no rows")
                .containsEntry("report.rows.payments-today", 0L)
                .containsEntry("report.query.millis.payments-today", 35L);
    }

    @ContractTest
    @DisplayName("keeps reporting the latest run through garbage collections, long after its page is gone")
    void keepsReportingOnceThePageIsGone() {
        render("open-invoices", 3, Duration.ofMillis(840));
        var rowsGauge = watch(() -> metrics.find("report.rows.open-invoices").orElseThrow());
        var timeGauge = watch(() -> metrics.find("report.query.millis.open-invoices").orElseThrow());

        assertThat(rowsGauge).staysReachable();
        assertThat(timeGauge).staysReachable();

        assertThat(metrics.scrape()).as("the gauges a scrape reads after full garbage collections, the page long gone")
                .containsExactly(entry("report.query.millis.open-invoices", 840L), entry("report.rows.open-invoices", 3L));
    }

    @ContractTest
    @DisplayName("replaces a report's gauges when it runs again, and keeps those of the other reports")
    void replacesTheGaugesOfAReportThatRunsAgain() {
        render("open-invoices", 3, Duration.ofMillis(840));
        render("ledger-q3", 1_204, Duration.ofMillis(812));
        render("open-invoices", 5, Duration.ofMillis(910));

        assertThat(metrics.scrape()).as("the gauges a scrape reads after open-invoices ran twice and ledger-q3 once")
                .containsExactly(entry("report.query.millis.ledger-q3", 812L),
                        entry("report.query.millis.open-invoices", 910L), entry("report.rows.ledger-q3", 1_204L),
                        entry("report.rows.open-invoices", 5L));
    }

    @LeakTest
    @DisplayName("lets a report page be garbage collected once it is rendered, while its gauges go on reporting")
    void releasesTheRenderedPage() {
        var page = watch(() -> render("ledger-q3", 2_000, Duration.ofMillis(812)));

        assertThat(page).isCollectable();
        assertThat(metrics.scrape()).as("the gauges a scrape reads once the page is collected")
                .containsExactly(entry("report.query.millis.ledger-q3", 812L), entry("report.rows.ledger-q3", 2_000L));
    }

    @LeakTest
    @DisplayName("lets the rows of a rendered report be garbage collected, while its gauges go on reporting")
    void releasesTheRowsOfARenderedReport() {
        var firstRow = watch(() -> render("ledger-q3", 2_000, Duration.ofMillis(812)).rows().get(0));

        assertThat(firstRow).isCollectable();
        assertThat(metrics.scrape()).as("the gauges a scrape reads once the rows are collected")
                .containsExactly(entry("report.query.millis.ledger-q3", 812L), entry("report.rows.ledger-q3", 2_000L));
    }

    @LeakTest
    @DisplayName("holds no more than two gauges' names and numbers for each saved report that ran, however large its table")
    void holdsOnlyTheGaugesOfEachReport() {
        render("warm-up", 10, Duration.ofMillis(5)); // the registry's map and the gauges' classes exist from here on

        // A report's two gauges, with their names and numbers, take a few hundred bytes; a table of
        // 200 rows, the smallest here, takes more than 7 KiB.
        assertThat(retainedBy(metrics))
                .whileRepeating(500, i -> render("saved-" + (10_000 + i), 200 + i % 800, Duration.ofMillis(100 + i)))
                .growsByAtMostPerOperation(1024);
    }

    /**
     * One run of a saved report, as the report screen does it: the page is built from what the query
     * found, publishes its gauges and is rendered, and the screen drops it once the response is written.
     */
    private ReportPage render(String reportId, int rowCount, Duration queryTime) {
        ReportPage page = new ReportPage(reportId, rows(rowCount), queryTime);
        page.publishMetrics(metrics);
        page.toCsv();
        return page;
    }

    /** The rows a report's query found: bookings of the year, on the ledger's accounts, for the items of the price list. */
    private static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Row(DAYS.get(i % DAYS.size()), ACCOUNTS.get(i % ACCOUNTS.size()), ITEMS.get(i % ITEMS.size()),
                    PRICES.get(i % PRICES.size())));
        }
        return rows;
    }

    private static Row row(String date, String account, String description, String amount) {
        return new Row(LocalDate.parse(date), account, description, new BigDecimal(amount));
    }
}
