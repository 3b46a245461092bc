// Watch lesson 15 leak: in rounds, run 100 saved reports that never ran before, each finding 1,000
// rows, publish their gauges and drop their pages. After each round, print how many gauges the
// registry has, what the last one reports, and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.reports.*;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

var metrics = new MetricsRegistry();

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

/** One run of a saved report, as the report screen does it: the page is built, publishes its gauges, is rendered and dropped. */
void runReport(String reportId) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
        rows.add(new Row(LocalDate.of(2024, 1, 1).plusDays(i % 366), "4000 Sales", "Invoice 2024-" + i,
                BigDecimal.valueOf(10_000 + i, 2)));
    }
    ReportPage page = new ReportPage(reportId, rows, Duration.ofMillis(250));
    page.publishMetrics(metrics);
    page.toCsv();
}

runReport("warm-up"); // the shell compiles the code of a run the first time: not a leak
long before = usedHeapKiB();
System.out.printf("before: %,d gauges, %,9d KiB of heap in use%n", metrics.scrape().size(), before);
int reports = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 100; i++) {
        runReport("saved-" + reports++);
    }
    long heap = usedHeapKiB();
    System.out.printf("after %,3d saved reports ran: %,5d gauges (the last reports %,d rows), %,7d KiB of heap in use, %,6.1f KiB more per report%n",
            reports, metrics.scrape().size(), metrics.scrape().get("report.rows.saved-" + (reports - 1)), heap,
            (heap - before) / (double) reports);
}
System.out.println("Each report adds two gauges, a few hundred bytes. If the heap grew by a table's worth per report (over 100 KiB),");
System.out.println("the gauges keep their pages: fix it and open the shell again (`./kata shell 15`). If it grew by about a KiB per");
System.out.println("report or less, and the gauges still report 1,000 rows, the fix holds.");
/exit
