package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time temporal joins through psql: out-of-order orders (a CSV file, with rows far behind the
 * watermark among them) joined with a versioned table of rates (a debezium-json changelog of inserts
 * and updates, with a primary key and a watermark), INNER and LEFT, at parallelism 1 and 4, written
 * into an append-only CSV table. Each order must carry the rate version valid at its time, computed
 * here in Java from the same changes. Whether a row far behind the orders' watermark is still behind
 * the join's watermark (the minimum with the rates') depends on how far the rates source has read,
 * so such a row is either dropped and counted in {@code late-rows-dropped} or joined correctly. The
 * same joins run with a versioned view (a deduplication of an append-only CSV log) as the versioned side.
 */
class TemporalJoinsEndToEndIT {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final long BASE = LocalDateTime.of(2026, 3, 1, 1, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CURRENCIES = List.of("C0", "C1", "C2", "C3", "C4", "C5", "XXX");

    @TempDir
    Path work;

    private record Order(long id, String currency, long amount, long ts, boolean late) {
    }

    /** A rate version: valid from {@code validFrom} until the next version of its currency. */
    private record Version(String currency, long rate, long version, long validFrom) {
    }

    @Test
    void eachOrderMeetsTheRateValidAtItsTime() throws Exception {
        Fixture data = writeOrders(3);
        writeRates(data.versions());
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query(createOrders(),
                    "CREATE TABLE rates (currency STRING, rate BIGINT, version BIGINT, valid_from TIMESTAMP(3), "
                    + "WATERMARK FOR valid_from AS valid_from, PRIMARY KEY (currency) NOT ENFORCED) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + work.resolve("rates") + "', 'format' = 'debezium-json')");
            assertThat(psql.query("SET 'execution.runtime-mode' = 'streaming'", "EXPLAIN " + select("rates")))
                    .contains("TemporalJoin(type=INNER");
            checkJoins(server, psql, "rates", data);
            PsqlClient.Result refused = psql.run("CREATE TABLE plain_rates (currency STRING, rate BIGINT, "
                    + "valid_from TIMESTAMP(3), WATERMARK FOR valid_from AS valid_from) WITH ('connector' = "
                    + "'filesystem', 'path' = '" + work.resolve("rates") + "', 'format' = 'debezium-json')",
                    "SET 'execution.runtime-mode' = 'streaming'", "SELECT o.id FROM orders AS o JOIN plain_rates "
                    + "FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency");
            assertThat(refused.stderr()).contains("0A000")
                    .contains("requires a primary key on versioned table 'plain_rates'");
            PsqlClient.Result changelogProbe = psql.run("SET 'execution.runtime-mode' = 'streaming'",
                    "SELECT a.currency FROM rates AS a JOIN rates FOR SYSTEM_TIME AS OF a.valid_from AS r "
                    + "ON a.currency = r.currency");
            assertThat(changelogProbe.stderr()).contains("0A000")
                    .contains("The probe side of an event-time temporal join must be append-only");
        }
    }

    /**
     * The same joins with a versioned view of an append-only CSV log of the rates (each line a version,
     * in time order) as the versioned side, as Flink infers one from a deduplication that keeps each
     * currency's latest row; a view that keeps the first row instead is no versioned view and is refused.
     */
    @Test
    void eachOrderMeetsTheRateValidAtItsTimeInAVersionedViewOfAnAppendOnlyLog() throws Exception {
        Fixture data = writeOrders(5);
        writeRatesLog(data.versions());
        try (TestServer server = new TestServer(work.resolve("data"))) {
            PsqlClient psql = new PsqlClient(server.port());
            psql.query(createOrders(), "CREATE TABLE rates_log (currency STRING, rate BIGINT, version BIGINT, "
                    + "valid_from TIMESTAMP(3), WATERMARK FOR valid_from AS valid_from) WITH ('connector' = "
                    + "'filesystem', 'path' = '" + work.resolve("rates_log") + "', 'format' = 'csv')",
                    "CREATE VIEW versioned_rates AS SELECT currency, rate, version, valid_from FROM (SELECT *, "
                    + "ROW_NUMBER() OVER (PARTITION BY currency ORDER BY valid_from DESC) AS rownum FROM rates_log) "
                    + "WHERE rownum = 1",
                    "CREATE VIEW first_rates AS SELECT currency, rate, version, valid_from FROM (SELECT *, "
                    + "ROW_NUMBER() OVER (PARTITION BY currency ORDER BY valid_from) AS rownum FROM rates_log) "
                    + "WHERE rownum = 1");
            assertThat(psql.query("SET 'execution.runtime-mode' = 'streaming'", "EXPLAIN " + select("versioned_rates")))
                    .contains("TemporalJoin(type=INNER").doesNotContain("Rank");
            checkJoins(server, psql, "versioned_rates", data);
            PsqlClient.Result refused = psql.run("SET 'execution.runtime-mode' = 'streaming'",
                    select("first_rates"));
            assertThat(refused.stderr()).contains("0A000").contains("View 'first_rates' is not a versioned view");
        }
    }

    private String createOrders() {
        return "CREATE TABLE orders (id BIGINT, currency STRING, amount BIGINT, order_time TIMESTAMP(3), "
                + "WATERMARK FOR order_time AS order_time - INTERVAL '10' SECOND) WITH ('connector' = 'filesystem', "
                + "'path' = '" + work.resolve("orders") + "', 'format' = 'csv', "
                + "'scan.watermark.emit.strategy' = 'on-event')";
    }

    /** The INNER join of the orders with {@code versioned}; {@link #checkJoins} makes it LEFT too. */
    private static String select(String versioned) {
        return "SELECT o.id, o.currency, r.version, o.amount * r.rate FROM orders AS o JOIN " + versioned
                + " FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency";
    }

    /**
     * INNER and LEFT joins with {@code versioned} at parallelism 1 and 4, each into a CSV table, checked
     * against {@link #reference}.
     */
    private void checkJoins(TestServer server, PsqlClient psql, String versioned, Fixture data)
            throws IOException, InterruptedException {
        for (int parallelism : new int[] {1, 4}) {
            for (String type : List.of("INNER", "LEFT")) {
                String sink = "out_" + versioned + "_" + type.toLowerCase() + "_" + parallelism;
                Path out = work.resolve(sink);
                psql.query("CREATE TABLE " + sink + " (id BIGINT, currency STRING, version BIGINT, amount BIGINT) "
                        + "WITH ('connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'csv')");
                psql.query("SET 'execution.runtime-mode' = 'streaming'", "SET 'table.dml-sync' = 'true'",
                        "SET 'parallelism.default' = '" + parallelism + "'",
                        "INSERT INTO " + sink + " " + select(versioned).replace(" JOIN ", " " + type + " JOIN "));
                checkResult(type + " with " + versioned + " at parallelism " + parallelism, written(out),
                        reference(type.equals("LEFT"), data.orders(), data.versions()), lateRowsDropped(server, sink));
            }
        }
    }

    /**
     * The rows of an order that cannot be late are exactly the expected ones; an order far behind the
     * watermark is there with its expected row or dropped and counted, never joined otherwise.
     */
    private static void checkResult(String what, List<String> actual, Map<Order, String> expected, long dropped) {
        Map<String, Order> byRow = new HashMap<>();
        expected.forEach((order, row) -> byRow.put(row, order));
        List<String> onTime = expected.entrySet().stream().filter(e -> !e.getKey().late()).map(Map.Entry::getValue)
                .sorted().toList();
        List<String> actualOnTime = actual.stream().filter(row -> byRow.containsKey(row) && !byRow.get(row).late())
                .sorted().toList();
        assertThat(actualOnTime).as(what + ": rows of orders that are never late").isEqualTo(onTime);
        List<String> lateJoined = actual.stream().filter(row -> !byRow.containsKey(row) || byRow.get(row).late())
                .toList();
        assertThat(lateJoined).as(what + ": rows of late orders").allMatch(byRow::containsKey).doesNotHaveDuplicates();
        long late = expected.keySet().stream().filter(Order::late).count();
        assertThat(lateJoined.size() + dropped).as(what + ": late orders joined + dropped").isEqualTo(late);
    }

    /**
     * Per order the version of its currency valid at its time (the latest one from at or before it),
     * as the sink's CSV line; orders without one only in a LEFT join, with empty (NULL) columns.
     */
    private static Map<Order, String> reference(boolean left, List<Order> orders, List<Version> versions) {
        Map<Order, String> rows = new HashMap<>();
        for (Order order : orders) {
            Version valid = null;
            for (Version version : versions) {
                if (version.currency().equals(order.currency()) && version.validFrom() <= order.ts()
                        && (valid == null || version.validFrom() > valid.validFrom())) {
                    valid = version;
                }
            }
            if (valid != null) {
                rows.put(order, order.id() + "," + order.currency() + "," + valid.version() + ","
                        + order.amount() * valid.rate());
            } else if (left) {
                rows.put(order, order.id() + "," + order.currency() + ",,");
            }
        }
        return rows;
    }

    /**
     * Versions of C0 to C4 from 60 s before the first order, then an update every 5 to 60 s; C5 is
     * first valid 5 minutes in; XXX never is.
     */
    private static List<Version> versions(Random random) {
        List<Version> versions = new ArrayList<>();
        long number = 1;
        for (String currency : CURRENCIES.subList(0, 6)) {
            long at = currency.equals("C5") ? BASE + 300_000 : BASE - 60_000;
            while (at < BASE + 660_000) {
                versions.add(new Version(currency, 1 + random.nextInt(200), number++, at));
                at += 5_000 + random.nextInt(55_000);
            }
        }
        versions.sort((a, b) -> Long.compare(a.validFrom(), b.validFrom()));
        return versions;
    }

    /**
     * Orders 1 s apart, each up to 8 s early (the watermark allows 10 s); every 40th is followed by
     * one 30 s behind it, which the orders' own watermark has passed.
     */
    private static List<Order> orders(Random random, int count) {
        List<Order> orders = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < count; i++) {
            long base = BASE + i * 1000L;
            orders.add(new Order(id++, CURRENCIES.get(random.nextInt(CURRENCIES.size())), 1 + random.nextInt(50),
                    base - random.nextInt(8000), false));
            if (i % 40 == 39) {
                orders.add(new Order(id++, CURRENCIES.get(random.nextInt(5)), 1 + random.nextInt(50), base - 30_000,
                        true));
            }
        }
        return orders;
    }

    /** Random orders and rate versions. */
    private record Fixture(List<Order> orders, List<Version> versions) {
    }

    /** Random versions (see {@link #versions}) and 600 orders (see {@link #orders}), the orders written as CSV. */
    private Fixture writeOrders(long seed) throws IOException {
        Random random = new Random(seed);
        List<Version> versions = versions(random);
        List<Order> orders = orders(random, 600);
        List<String> lines = new ArrayList<>();
        for (Order order : orders) {
            lines.add(order.id() + "," + order.currency() + "," + order.amount() + "," + format(order.ts()));
        }
        Files.createDirectories(work.resolve("orders"));
        Files.write(work.resolve("orders/orders.csv"), lines);
        return new Fixture(orders, versions);
    }

    /** The versions in time order as an append-only CSV log, one line per version. */
    private void writeRatesLog(List<Version> versions) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Version version : versions) {
            lines.add(version.currency() + "," + version.rate() + "," + version.version() + ","
                    + format(version.validFrom()));
        }
        Files.createDirectories(work.resolve("rates_log"));
        Files.write(work.resolve("rates_log/rates.csv"), lines);
    }

    /** The versions in time order as debezium-json: a currency's first version is created, later ones update it. */
    private void writeRates(List<Version> versions) throws IOException {
        Map<String, Version> current = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (Version version : versions) {
            ObjectNode change = JSON.createObjectNode();
            Version before = current.put(version.currency(), version);
            change.set("before", before == null ? null : image(before));
            change.set("after", image(version));
            change.put("op", before == null ? "c" : "u");
            lines.add(JSON.writeValueAsString(change));
        }
        Files.createDirectories(work.resolve("rates"));
        Files.write(work.resolve("rates/rates.json"), lines);
    }

    private static JsonNode image(Version version) {
        ObjectNode image = JSON.createObjectNode();
        image.put("currency", version.currency());
        image.put("rate", version.rate());
        image.put("version", version.version());
        image.put("valid_from", format(version.validFrom()));
        return image;
    }

    /** The late rows the INSERT INTO {@code sink} job dropped, from the HTTP API. */
    private static long lateRowsDropped(TestServer server, String sink) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + "/jobs")).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode root = JSON.readTree(body);
        JsonNode jobs = root.isArray() ? root : root.get("jobs");
        for (JsonNode job : jobs) {
            if (job.get("statement").asText().contains("INSERT INTO " + sink + " ")) {
                return job.get("late-rows-dropped").asLong();
            }
        }
        throw new AssertionError("no job for " + sink + " in " + body);
    }

    private static List<String> written(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines.stream().filter(line -> !line.isBlank()).toList();
        }
    }

    private static String format(long millis) {
        return TS.format(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC));
    }
}
