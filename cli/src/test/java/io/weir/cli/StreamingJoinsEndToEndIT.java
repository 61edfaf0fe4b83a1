package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regular joins in streaming mode (state on both sides, a changelog out): the changelog the client
 * receives, applied row by row, must end as the join computed here in Java, for INNER, LEFT, FULL,
 * SEMI (IN) and ANTI (NOT IN) joins with a residual condition, at parallelism 1 and 2, and when one
 * input is itself a changelog (a GROUP BY).
 */
class StreamingJoinsEndToEndIT {
    @TempDir
    Path work;

    @Test
    void appliedChangelogsEqualJoinsComputedIndependently() throws Exception {
        Random random = new Random(31);
        List<long[]> orders = new ArrayList<>();
        List<long[]> customers = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            orders.add(new long[] {i, 1 + random.nextInt(40), 1 + random.nextInt(100)});
        }
        for (int i = 1; i <= 30; i++) {
            customers.add(new long[] {i + random.nextInt(3) * 10L, random.nextInt(3)});
        }
        write("orders", orders);
        write("customers", customers);
        Map<String, Integer> inner = new TreeMap<>();
        Map<String, Integer> left = new TreeMap<>();
        Map<String, Integer> full = new TreeMap<>();
        Map<String, Integer> semi = new TreeMap<>();
        Map<String, Integer> anti = new TreeMap<>();
        boolean[] customerMatched = new boolean[customers.size()];
        for (long[] o : orders) {
            boolean matched = false;
            for (int c = 0; c < customers.size(); c++) {
                long[] cu = customers.get(c);
                if (cu[0] == o[1] && o[2] > cu[1] * 30) {
                    String row = o[0] + "|" + cu[0] + "|" + cu[1];
                    inner.merge(row, 1, Integer::sum);
                    left.merge(row, 1, Integer::sum);
                    full.merge(row, 1, Integer::sum);
                    matched = true;
                    customerMatched[c] = true;
                }
            }
            if (!matched) {
                left.merge(o[0] + "||", 1, Integer::sum);
                full.merge(o[0] + "||", 1, Integer::sum);
            }
            boolean known = customers.stream().anyMatch(cu -> cu[0] == o[1]);
            (known ? semi : anti).merge(String.valueOf(o[0]), 1, Integer::sum);
        }
        for (int c = 0; c < customers.size(); c++) {
            if (!customerMatched[c]) {
                full.merge("|" + customers.get(c)[0] + "|" + customers.get(c)[1], 1, Integer::sum);
            }
        }
        Map<String, Integer> perCustomer = new TreeMap<>();
        for (long[] cu : customers) {
            long count = orders.stream().filter(o -> o[1] == cu[0]).count();
            if (count > 0) {
                perCustomer.merge(cu[0] + "|" + cu[1] + "|" + count, 1, Integer::sum);
            }
        }
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query("CREATE TABLE orders (id BIGINT, customer BIGINT, amount BIGINT) WITH ('connector' = 'filesystem', "
                    + "'path' = '" + work.resolve("orders") + "', 'format' = 'csv')");
            psql.query("CREATE TABLE customers (id BIGINT, tier BIGINT) WITH ('connector' = 'filesystem', "
                    + "'path' = '" + work.resolve("customers") + "', 'format' = 'csv')");
            String on = "o.customer = c.id AND o.amount > c.tier * 30";
            for (int parallelism = 1; parallelism <= 2; parallelism++) {
                // parallelism 1 keeps state on the heap, 2 in RocksDB: both must give the same answer
                String[] set = {"SET 'execution.runtime-mode' = 'streaming'", "SET 'parallelism.default' = '" + parallelism + "'",
                        "SET 'state.backend.type' = '" + (parallelism == 1 ? "hashmap" : "rocksdb") + "'"};
                assertThat(applied(psql, set, "SELECT o.id, c.id, c.tier FROM orders o JOIN customers c ON " + on))
                        .isEqualTo(inner);
                assertThat(applied(psql, set, "SELECT o.id, c.id, c.tier FROM orders o LEFT JOIN customers c ON " + on))
                        .isEqualTo(left);
                assertThat(applied(psql, set, "SELECT o.id, c.id, c.tier FROM orders o FULL JOIN customers c ON " + on))
                        .isEqualTo(full);
                assertThat(applied(psql, set, "SELECT id FROM orders WHERE customer IN (SELECT id FROM customers)"))
                        .isEqualTo(semi);
                assertThat(applied(psql, set, "SELECT id FROM orders o WHERE NOT EXISTS "
                        + "(SELECT 1 FROM customers c WHERE c.id = o.customer)")).isEqualTo(anti);
                assertThat(applied(psql, set, "SELECT c.id, c.tier, n FROM customers c JOIN "
                        + "(SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer) g ON g.customer = c.id"))
                        .as("a changelog input").isEqualTo(perCustomer);
            }
        }
    }

    /**
     * The query's rows with their multiplicities: a changelog result (first column op) applied, or an
     * insert-only result (no op column) counted.
     */
    private static Map<String, Integer> applied(PsqlClient psql, String[] settings, String query) throws Exception {
        String out = psql.query(settings[0], settings[1], settings[2], query);
        Map<String, Integer> rows = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            String op = bar < 0 ? "" : line.substring(0, bar);
            if (!List.of("+I", "-U", "+U", "-D").contains(op)) {
                rows.merge(line, 1, Integer::sum);
                continue;
            }
            rows.merge(line.substring(bar + 1), op.equals("+I") || op.equals("+U") ? 1 : -1, Integer::sum);
        }
        rows.values().removeIf(count -> count == 0);
        return rows;
    }

    private void write(String name, List<long[]> rows) throws Exception {
        Files.createDirectories(work.resolve(name));
        List<String> lines = new ArrayList<>();
        for (long[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (long value : row) {
                line.append(line.length() == 0 ? "" : ",").append(value);
            }
            lines.add(line.toString());
        }
        Files.write(work.resolve(name).resolve(name + ".csv"), lines);
    }
}
