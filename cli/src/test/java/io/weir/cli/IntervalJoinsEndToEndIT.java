package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interval joins in streaming mode over out-of-order CSV files (three per table, so several splits
 * with their own watermarks): the insert-only result must equal the join computed here in Java with
 * the same bounds, for INNER, LEFT, RIGHT and FULL joins, BETWEEN and a strict upper bound, at
 * parallelism 1 and 4; EXPLAIN shows the IntervalJoin.
 */
class IntervalJoinsEndToEndIT {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final long BASE = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    @TempDir
    Path work;

    /** A row of either table: id, key, time in epoch millis. */
    private record Row(long id, long key, long ts) {
    }

    @Test
    void resultsEqualJoinsComputedIndependently() throws Exception {
        Random random = new Random(5);
        List<Row> shipments = rows(random, 400, 1000);
        List<Row> orders = rows(random, 300, 2000);
        write("orders", orders);
        write("shipments", shipments);
        String between = "o.k = s.k AND o.ts BETWEEN s.ts - INTERVAL '1' MINUTE AND s.ts + INTERVAL '30' SECOND";
        String halfOpen = "o.k = s.k AND o.ts >= s.ts AND o.ts < s.ts + INTERVAL '20' SECOND";
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            for (String table : List.of("orders", "shipments")) {
                psql.query("CREATE TABLE " + table + " (id BIGINT, k BIGINT, ts TIMESTAMP(3), "
                        + "WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'filesystem', "
                        + "'path' = '" + work.resolve(table) + "', 'format' = 'csv')");
            }
            String[] streaming = {"SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '4'"};
            assertThat(psql.query(streaming[0], streaming[1], "EXPLAIN SELECT o.id, s.id FROM orders o JOIN shipments s ON "
                    + between)).contains("IntervalJoin");
            for (int parallelism : new int[] {1, 4}) {
                String[] set = {streaming[0], "SET 'parallelism.default' = '" + parallelism + "'"};
                for (String type : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")) {
                    String select = "SELECT o.id, s.id FROM orders o " + type + " shipments s ON ";
                    assertThat(counted(psql, set, select + between)).as(type + " BETWEEN at parallelism " + parallelism)
                            .isEqualTo(reference(type, orders, shipments, -60_000, 30_000, true));
                    assertThat(counted(psql, set, select + halfOpen)).as(type + " half-open at parallelism " + parallelism)
                            .isEqualTo(reference(type, orders, shipments, 0, 20_000, false));
                }
            }
        }
    }

    /** Rows 1 s apart, each up to 8 s early (the watermark allows 10 s), ids from {@code firstId}. */
    private static List<Row> rows(Random random, int count, long firstId) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Row(firstId + i, random.nextInt(6), BASE + i * 1000L - random.nextInt(8000)));
        }
        return rows;
    }

    /** The join of orders (left) and shipments (right): {@code o.ts - s.ts} from lower to upper. */
    private static Map<String, Integer> reference(String type, List<Row> orders, List<Row> shipments, long lower,
            long upper, boolean upperInclusive) {
        boolean padLeft = type.startsWith("LEFT") || type.startsWith("FULL");
        boolean padRight = type.startsWith("RIGHT") || type.startsWith("FULL");
        Map<String, Integer> rows = new TreeMap<>();
        boolean[] shipped = new boolean[shipments.size()];
        for (Row o : orders) {
            boolean matched = false;
            for (int j = 0; j < shipments.size(); j++) {
                Row s = shipments.get(j);
                long difference = o.ts() - s.ts();
                if (o.key() == s.key() && difference >= lower && (upperInclusive ? difference <= upper : difference < upper)) {
                    rows.merge(o.id() + "|" + s.id(), 1, Integer::sum);
                    matched = true;
                    shipped[j] = true;
                }
            }
            if (!matched && padLeft) {
                rows.merge(o.id() + "|", 1, Integer::sum);
            }
        }
        for (int j = 0; j < shipments.size(); j++) {
            if (!shipped[j] && padRight) {
                rows.merge("|" + shipments.get(j).id(), 1, Integer::sum);
            }
        }
        return rows;
    }

    /** The query's rows with their multiplicities; an interval join's result is insert-only (no op column). */
    private static Map<String, Integer> counted(PsqlClient psql, String[] settings, String query) throws Exception {
        String out = psql.query(settings[0], settings[1], query);
        Map<String, Integer> rows = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                assertThat(line).as("an insert-only result has no op column").doesNotStartWith("+I|");
                rows.merge(line, 1, Integer::sum);
            }
        }
        return rows;
    }

    /** The rows in three files, each in the rows' order (out of order by time within 8 s). */
    private void write(String name, List<Row> rows) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        for (int part = 0; part < 3; part++) {
            List<String> lines = new ArrayList<>();
            for (int i = part; i < rows.size(); i += 3) {
                Row row = rows.get(i);
                lines.add(row.id() + "," + row.key() + "," + TS.format(LocalDateTime.ofEpochSecond(
                        Math.floorDiv(row.ts(), 1000L), (int) Math.floorMod(row.ts(), 1000L) * 1_000_000, ZoneOffset.UTC)));
            }
            Files.write(folder.resolve(name + "-" + part + ".csv"), lines);
        }
    }
}
