package io.weir.connector.jdbc;

import static io.weir.connector.jdbc.JdbcTestSupport.context;
import static io.weir.connector.jdbc.JdbcTestSupport.execute;
import static io.weir.connector.jdbc.JdbcTestSupport.options;
import static io.weir.connector.jdbc.JdbcTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.connector.LookupSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lookups in a real PostgreSQL table, compared with PostgreSQL answering the same keys; the cache measured. */
class JdbcLookupTest {
    private static final RowType CUSTOMERS = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("name", DataType.of(TypeKind.STRING)),
            new Field("country", DataType.of(TypeKind.STRING))));
    private static PostgresCluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
        // ids 1..1000 once, ids 1..50 a second time in another country (a key with two rows)
        execute(cluster, "CREATE TABLE customers (id bigint, name text, country text)",
                "INSERT INTO customers SELECT g, 'c' || g, (ARRAY['DE', 'FR', 'NL'])[1 + g % 3] FROM generate_series(1, 1000) g",
                "INSERT INTO customers SELECT g, 'c' || g, 'US' FROM generate_series(1, 50) g");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        cluster.close();
    }

    private static LookupSource source(Map<String, String> extra, List<String> keys) {
        return JdbcTestSupport.FACTORY.createLookupSource(
                context("customers", CUSTOMERS, options(cluster, "customers", extra), List.of()), keys);
    }

    /** The answer as sorted {@code key->id|name|country} lines. */
    private static TreeSet<String> lines(Map<List<Object>, List<Object[]>> answer) {
        TreeSet<String> lines = new TreeSet<>();
        answer.forEach((key, rows) -> rows.forEach(row -> lines.add(key + "->" + row[0] + "|" + row[1] + "|" + row[2])));
        return lines;
    }

    private static TreeSet<String> expected(List<Long> keys) throws Exception {
        String in = keys.stream().distinct().map(String::valueOf).collect(Collectors.joining(", "));
        TreeSet<String> lines = new TreeSet<>();
        for (String row : query(cluster, "SELECT id, name, country FROM customers WHERE id IN (" + in + ")")) {
            lines.add("[" + row.split("\\|")[0] + "]->" + row);
        }
        return lines;
    }

    @Test
    void lookedUpRowsEqualWhatPostgresFindsAndRepeatedKeysHitTheCache() throws Exception {
        Random random = new Random(7);
        try (LookupSource source = source(Map.of("lookup.cache", "PARTIAL", "lookup.partial-cache.max-rows", "5000"),
                List.of("id"))) {
            JdbcLookupSource jdbc = (JdbcLookupSource) source;
            long probes = 0;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int batch = 0; batch < 20; batch++) {
                List<Long> keys = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    keys.add(1L + random.nextInt(1200)); // ids above 1000 have no row
                }
                List<List<Object>> asKeys = keys.stream().distinct().map(k -> List.<Object>of(k)).toList();
                probes += asKeys.size();
                seen.addAll(keys);
                assertThat(lines(source.lookup(asKeys))).isEqualTo(expected(keys));
            }
            LookupCache cache = jdbc.cache();
            assertThat(jdbc.queries()).isEqualTo(20);
            assertThat(cache.hits() + cache.misses()).isEqualTo(probes);
            // the cache holds every key: each distinct key misses once (missing keys are cached too), then hits
            assertThat(cache.misses()).isEqualTo(seen.size()).isEqualTo(cache.size());
            assertThat(cache.hits()).isEqualTo(probes - seen.size()).isPositive();
        }
    }

    @Test
    void theCacheKeepsAtMostMaxRowsKeysAndExpires() throws Exception {
        try (LookupSource source = source(Map.of("lookup.cache", "PARTIAL", "lookup.partial-cache.max-rows", "10",
                "lookup.partial-cache.expire-after-write", "200 ms"), List.of("id"))) {
            JdbcLookupSource jdbc = (JdbcLookupSource) source;
            List<List<Object>> keys = new ArrayList<>();
            for (long id = 1; id <= 30; id++) {
                keys.add(List.of(id));
            }
            source.lookup(keys);
            assertThat(jdbc.cache().size()).isEqualTo(10);
            source.lookup(keys.subList(25, 30));
            assertThat(jdbc.cache().hits()).isEqualTo(5);
            Thread.sleep(Duration.ofMillis(300).toMillis());
            source.lookup(keys.subList(25, 30));
            assertThat(jdbc.cache().hits()).isEqualTo(5);
            assertThat(jdbc.queries()).isEqualTo(2);
        }
    }

    @Test
    void compositeKeysAndIntegerProbeValuesAreLookedUp() throws Exception {
        try (LookupSource source = source(Map.of(), List.of("country", "id"))) {
            var answer = source.lookup(List.of(List.of("US", 7), List.of("DE", 3L), List.of("US", 999L)));
            assertThat(lines(answer)).containsExactly("[DE, 3]->3|c3|DE", "[US, 7]->7|c7|US");
        }
    }

    @Test
    void aTerminatedConnectionIsRetried() throws Exception {
        try (LookupSource source = source(Map.of("lookup.max-retries", "2"), List.of("id"))) {
            assertThat(lines(source.lookup(List.of(List.of(5L))))).isEqualTo(expected(List.of(5L)));
            assertThat(query(cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'weir'")).containsExactly("t");
            assertThat(lines(source.lookup(List.of(List.of(6L), List.of(44L))))).isEqualTo(expected(List.of(6L, 44L)));
        }
    }
}
