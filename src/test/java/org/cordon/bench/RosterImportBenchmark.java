package org.cordon.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.cordon.CordonApplication;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.registry.RosterExportManagement;
import org.cordon.registry.RosterImportManagement;
import org.cordon.registry.RosterReport;
import org.cordon.shared.tabular.TabularCell;
import org.cordon.shared.tabular.TabularReader;
import org.cordon.shared.tabular.TabularRow;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark of roster import and export (not a test; run with {@code bench/roster-import [rows]},
 * which limits the heap to 512 MB). Starts Cordon on a fresh embedded PostgreSQL
 * ({@code target/bench-roster-data}, demo profile), generates an .xlsx and a CSV roster of N valid
 * rows each (fictitious people, valid ID numbers, destinations among the sample villages, groups and
 * compounds) into {@code target/}, imports them through {@link RosterImportManagement} as the city-level
 * commander, imports the .xlsx again (everything already present), exports the city's roster, and
 * prints rows per second, wall time, file size and heap figures measured in the same run, the parse-only rate of
 * each file (the import's reader, nothing validated or stored) and, after each import, the seconds until every event
 * publication completed (the listeners' reactions to its chunks):
 * <ul>
 *   <li>peak heap used: the highest heap occupancy sampled every 5 ms (includes garbage not yet collected);</li>
 *   <li>peak live heap: the highest heap occupancy right after a garbage collection (what the application
 *       really holds while importing);</li>
 *   <li>growth: peak live heap minus the live heap before the run, and its ratio to the file size — the
 *       memory the import needs for the file. Near 0 shows the rows are streamed; an .xlsx written with a
 *       shared-strings table (as Excel does) adds that table, which fastexcel-reader keeps while reading.</li>
 * </ul>
 * Arguments: rows per file (default 100000).
 */
public final class RosterImportBenchmark {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志明海燕红梅玉兰小龙文博思远晓东子涵雨轩浩然欣怡";
    private static final String[] ORIGINS = {"420102", "420103", "420104", "420105", "420106", "420111", "420115", "420117",
            "420502", "420602", "421002", "421102", "610102", "610802", "150602"};
    private static final String[] MODES = {"自驾", "火车", "飞机", "客车", "其他"};
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private RosterImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dataDir = Path.of("target", "bench-roster-data");
        SpringApplication app = new SpringApplication(CordonApplication.class);
        app.setAdditionalProfiles("demo");
        long startNanos = System.nanoTime();
        ConfigurableApplicationContext context = app.run("--server.port=0", "--cordon.data-dir=" + dataDir,
                "--cordon.embedded-db.clean=true", "--cordon.demo.passages=false", "--logging.level.root=WARN",
                "--cordon.observation.scheduler.enabled=false",
                "--cordon.crypto.key=" + Base64.getEncoder().encodeToString(new byte[32]));
        double startupMs = (System.nanoTime() - startNanos) / 1e6;
        try {
            run(context, n, startupMs);
        } finally {
            context.close();
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, int n, double startupMs) throws Exception {
        RosterImportManagement rosters = context.getBean(RosterImportManagement.class);
        RosterExportManagement exports = context.getBean(RosterExportManagement.class);
        CordonUser commander = context.getBean(AccountManagement.class).loadUserByUsername("commander");
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<String> destinations = jdbc.sql("select code from area where sample and kind in ('VILLAGE','COMMUNITY','GROUP','COMPOUND') "
                + "and (code like '610881106%' or code like '610881104%' or code like '610881003%' or code like '610881001%') order by code")
                .query(String.class).list();
        if (destinations.isEmpty()) {
            destinations = jdbc.sql("select code from area where sample order by code").query(String.class).list();
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%nCordon roster import benchmark (%d cores, Java %s, max heap %d MB)%n", rt.availableProcessors(),
                System.getProperty("java.version"), rt.maxMemory() / (1024 * 1024));
        System.out.printf(Locale.ROOT, "start-up with a fresh embedded PostgreSQL: %.0f ms; %d destinations%n", startupMs, destinations.size());

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Path xlsx = Path.of("target", "roster-bench-" + n + ".xlsx");
        Path csv = Path.of("target", "roster-bench-" + n + ".csv");
        long t = System.nanoTime();
        writeXlsx(xlsx, n, 0, destinations, today);
        writeCsv(csv, n, n, destinations, today);
        System.out.printf(Locale.ROOT, "generated %,d rows each: %s %.1f MB, %s %.1f MB (%.1f s)%n", n, xlsx.getFileName(),
                mb(Files.size(xlsx)), csv.getFileName(), mb(Files.size(csv)), (System.nanoTime() - t) / 1e9);

        // warm-up (JIT, caches) on a small file that is not counted
        Path warm = Path.of("target", "roster-bench-warmup.csv");
        writeCsv(warm, 2_000, 10 * n, destinations, today);
        rosters.importRoster(commander, warm, "warm-up", Locale.ENGLISH);

        waitForListeners(jdbc);

        // the same files read without storing anything: what the storing costs on top of parsing
        double xlsxParse = parseOnly(xlsx);
        double csvParse = parseOnly(csv);
        System.out.printf(Locale.ROOT, "parse only (read every row and cell, nothing validated or stored): .xlsx %,.0f rows/s, CSV %,.0f rows/s%n",
                n / xlsxParse, n / csvParse);

        HeapWatch heap = new HeapWatch();
        Measured xlsxRun = measure(heap, () -> rosters.importRoster(commander, xlsx, xlsx.getFileName().toString(), Locale.ENGLISH));
        print("import .xlsx (new rows)", xlsxRun, Files.size(xlsx));
        double xlsxListeners = listenersAfter("import .xlsx", jdbc, xlsxRun);
        Measured csvRun = measure(heap, () -> rosters.importRoster(commander, csv, csv.getFileName().toString(), Locale.ENGLISH));
        print("import CSV (new rows)", csvRun, Files.size(csv));
        double csvListeners = listenersAfter("import CSV", jdbc, csvRun);
        Measured again = measure(heap, () -> rosters.importRoster(commander, xlsx, xlsx.getFileName().toString(), Locale.ENGLISH));
        print("import .xlsx again (all already present)", again, Files.size(xlsx));
        System.out.printf(Locale.ROOT, "new rows/s: .xlsx %,.0f (%.2f of its parse-only rate; with the listeners %,.0f), "
                        + "CSV %,.0f (%.2f of its parse-only rate; with the listeners %,.0f); target 20,000%n",
                xlsxRun.report.saved() / xlsxRun.seconds, (xlsxRun.report.read() / xlsxRun.seconds) / (n / xlsxParse),
                xlsxRun.report.saved() / (xlsxRun.seconds + xlsxListeners),
                csvRun.report.saved() / csvRun.seconds, (csvRun.report.read() / csvRun.seconds) / (n / csvParse),
                csvRun.report.saved() / (csvRun.seconds + csvListeners));

        long[] exported = new long[1];
        CountingStream sink = new CountingStream();
        Measured export = measure(heap, () -> {
            exported[0] = exports.exportRoster(commander, "610881", false, sink, Locale.ENGLISH);
            return null;
        });
        System.out.printf(Locale.ROOT, "export of the city roster, masked: %,d rows, %.1f MB .xlsx in %.1f s = %,.0f rows/s%n",
                exported[0], mb(sink.count), export.seconds, exported[0] / export.seconds);
        System.out.printf(Locale.ROOT, "  live heap before %.0f MB, peak heap used %.0f MB, peak live heap %.0f MB; "
                        + "growth %.1f MB = %.2f × the file size%n",
                mb(export.before), mb(export.peakUsed), mb(export.peakLive), mb(export.growth()), (double) export.growth() / sink.count);

        // the observation module starts the episodes of each chunk (ReturneesRegistered), asynchronously after its commit
        long expected = jdbc.sql("select count(*) from returnee where source = 'IMPORTED'").query(Long.class).single();
        long t0 = System.nanoTime();
        long episodes = 0;
        long lastProgress = System.nanoTime();
        while (true) {
            long now = jdbc.sql("select count(*) from observation_episode e join returnee r on r.id = e.returnee_id "
                    + "where r.source = 'IMPORTED'").query(Long.class).single();
            if (now > episodes) {
                lastProgress = System.nanoTime();
            }
            episodes = now;
            if (episodes >= expected || System.nanoTime() - lastProgress > 30e9) {
                break;
            }
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "observation episodes started from the imports' events: %,d of %,d; caught up %.1f s after the export%n",
                episodes, expected, (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "ratio of .xlsx to CSV import speed: %.2f; re-import to first import: %.2f%n",
                rate(xlsxRun) / rate(csvRun), rate(again) / rate(xlsxRun));
    }

    /** Seconds to read every row and cell of the file as the import reads it (same reader and limits), storing nothing. */
    private static double parseOnly(Path file) throws IOException {
        long t = System.nanoTime();
        long cells = 0;
        try (TabularReader reader = TabularReader.open(file, RosterImportManagement.LIMITS)) {
            do {
                for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                    for (TabularCell cell : row.cells()) {
                        if (!cell.text().isEmpty()) {
                            cells++;
                        }
                    }
                }
            } while (reader.nextSheet());
        }
        if (cells == 0) {
            throw new IllegalStateException("nothing read from " + file);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /** Incomplete event publications: reactions (observation, health code, dashboard) not finished yet. */
    private static long incompletePublications(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
    }

    /** Waits until every reaction has finished (at most 10 minutes); returns the seconds waited. */
    private static double waitForListeners(JdbcClient jdbc) throws InterruptedException {
        long t = System.nanoTime();
        while (incompletePublications(jdbc) > 0) {
            if (System.nanoTime() - t > 600e9) {
                throw new IllegalStateException(incompletePublications(jdbc) + " reactions still incomplete after 10 minutes");
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * After an import returned: the seconds until the listeners finished the reactions to its chunks (episodes started,
     * health codes re-assessed, dashboard counted), and whether every new returnee of it got its episode.
     */
    private static double listenersAfter(String what, JdbcClient jdbc, Measured m) throws InterruptedException {
        long pending = incompletePublications(jdbc);
        double waited = waitForListeners(jdbc);
        long unobserved = jdbc.sql("""
                select count(*) from returnee r where r.source = 'IMPORTED' and r.merged_into is null
                and not exists (select 1 from observation_episode e where e.returnee_id = r.id)""").query(Long.class).single();
        System.out.printf(Locale.ROOT, "  %s: %,d reactions pending when it returned, all finished %.2f s later; "
                        + "import + listeners %.1f s = %,.0f new rows/s; imported returnees without an episode: %,d%n",
                what, pending, waited, m.seconds + waited, m.report.saved() / (m.seconds + waited), unobserved);
        return waited;
    }

    private static double rate(Measured m) {
        return m.report.read() / m.seconds;
    }

    private static void print(String what, Measured m, long fileSize) {
        RosterReport r = m.report;
        System.out.printf(Locale.ROOT, "%s: %,d rows read, %,d saved, %,d already present, %,d rejected in %.1f s = %,.0f rows/s%n",
                what, r.read(), r.saved(), r.alreadyPresent(), r.rejected(), m.seconds, r.read() / m.seconds);
        System.out.printf(Locale.ROOT, "  file %.1f MB; live heap before %.0f MB, peak heap used %.0f MB, peak live heap %.0f MB; "
                        + "growth %.1f MB = %.2f × the file size%n",
                mb(fileSize), mb(m.before), mb(m.peakUsed), mb(m.peakLive), mb(m.growth()), (double) m.growth() / fileSize);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private interface Work {
        RosterReport run() throws Exception;
    }

    private record Measured(RosterReport report, double seconds, long before, long peakUsed, long peakLive) {

        long growth() {
            return Math.max(0, peakLive - before);
        }
    }

    private static Measured measure(HeapWatch heap, Work work) throws Exception {
        System.gc();
        Thread.sleep(200);
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heap.reset();
        long t = System.nanoTime();
        RosterReport report = work.run();
        double seconds = (System.nanoTime() - t) / 1e9;
        heap.stopPeriod();
        // one collection at the end so that a run without any collection still has a live figure
        System.gc();
        Thread.sleep(200);
        return new Measured(report, seconds, before, heap.peakUsed.get(), Math.max(heap.peakLive.get(), heap.lastLive));
    }

    /** Samples heap occupancy every 5 ms and listens to garbage collections for the occupancy after each. */
    private static final class HeapWatch {

        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakLive = new AtomicLong();
        volatile boolean active;
        volatile long lastLive;

        HeapWatch() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Thread sampler = new Thread(() -> {
                while (true) {
                    if (active) {
                        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                    used += u.getUsed();
                }
                // non-heap pools (metaspace, code cache) are in the map too; subtract them
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isNonHeap(e.getKey())) {
                        used -= e.getValue().getUsed();
                    }
                }
                if (active) {
                    peakLive.accumulateAndGet(used, Math::max);
                } else {
                    lastLive = used;
                }
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }

        private static boolean isNonHeap(String pool) {
            return pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Class Space")
                    || pool.contains("CodeHeap");
        }

        void reset() {
            peakUsed.set(0);
            peakLive.set(0);
            lastLive = 0;
            active = true;
        }

        void stopPeriod() {
            active = false;
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    // ------------------------------------------------------------------ generated rosters

    private static String[] row(int i, List<String> destinations, LocalDate today) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i / 1000 * 7L + (i % 7));
        String first17 = "610821" + birth.toString().replace("-", "") + String.format("%03d", i % 1000);
        String id = first17 + checkChar(first17);
        String name = SURNAMES.charAt(i % SURNAMES.length()) + ""
                + GIVEN.charAt((i * 7) % GIVEN.length()) + (i % 3 == 0 ? "" : String.valueOf(GIVEN.charAt((i * 13) % GIVEN.length())));
        String phone = "13" + (5 + i % 5) + String.format("%08d", (i * 7919L) % 100_000_000L);
        LocalDate arrived = today.minusDays(1 + i % 20);
        String mode = MODES[i % MODES.length];
        String detail = switch (mode) {
            case "自驾" -> "鄂A" + PLATE_LETTERS.charAt(i % PLATE_LETTERS.length()) + String.format("%04d", i % 10_000);
            case "火车" -> "G" + (100 + i % 900);
            case "飞机" -> "MU" + (2000 + i % 900);
            default -> "";
        };
        String destination = destinations.get(i % destinations.size());
        return new String[] {name, "", id, "", phone, ORIGINS[i % ORIGINS.length], arrived.minusDays(1 + i % 3).toString(),
                arrived.toString(), mode, detail, i % 4 == 0 ? "配偶" : "", destination, (1 + i % 200) + "号"};
    }

    private static final String[] HEADER = {"姓名", "证件类型", "证件号码", "国籍", "手机号", "来源地代码", "离开风险地区日期",
            "抵达日期", "交通方式", "车牌/车次/航班", "同行人员", "目的地代码", "详细地址"};

    /** An .xlsx as Excel writes it: shared strings, dates as date cells. */
    private static void writeXlsx(Path file, int n, int offset, List<String> destinations, LocalDate today) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "Cordon benchmark", "1.0");
            Worksheet ws = wb.newWorksheet("返乡人员名单");
            for (int c = 0; c < HEADER.length; c++) {
                ws.value(0, c, HEADER[c]);
            }
            for (int i = 0; i < n; i++) {
                String[] r = row(offset + i, destinations, today);
                for (int c = 0; c < r.length; c++) {
                    if (r[c].isEmpty()) {
                        continue;
                    }
                    if (c == 6 || c == 7) {
                        ws.value(i + 1, c, LocalDate.parse(r[c]));
                        ws.style(i + 1, c).format("yyyy-mm-dd").set();
                    } else {
                        ws.value(i + 1, c, r[c]);
                    }
                }
                if (i % 1000 == 999) {
                    ws.flush();
                }
            }
            wb.finish();
        }
    }

    private static void writeCsv(Path file, int n, int offset, List<String> destinations, LocalDate today) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write(String.join(",", HEADER));
            out.write("\r\n");
            for (int i = 0; i < n; i++) {
                out.write(String.join(",", row(offset + i, destinations, today)));
                out.write("\r\n");
            }
        }
    }

    private static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }
}
