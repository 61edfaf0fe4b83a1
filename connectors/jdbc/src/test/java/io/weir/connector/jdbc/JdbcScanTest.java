package io.weir.connector.jdbc;

import static io.weir.connector.jdbc.JdbcTestSupport.context;
import static io.weir.connector.jdbc.JdbcTestSupport.execute;
import static io.weir.connector.jdbc.JdbcTestSupport.options;
import static io.weir.connector.jdbc.JdbcTestSupport.query;
import static io.weir.connector.jdbc.JdbcTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.TableSource;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Partitioned scans of a real PostgreSQL table, checked against PostgreSQL's own counts and sums. */
class JdbcScanTest {
    private static PostgresCluster cluster;
    private static final RowType SCHEMA = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT)),
            new Field("day", DataType.of(TypeKind.DATE)),
            new Field("ts", DataType.timestamp(3)),
            new Field("amount", DataType.decimal(12, 2)),
            new Field("name", DataType.of(TypeKind.STRING)),
            new Field("small", DataType.of(TypeKind.SMALLINT)),
            new Field("ratio", DataType.of(TypeKind.DOUBLE)),
            new Field("flag", DataType.of(TypeKind.BOOLEAN)),
            new Field("uid", DataType.of(TypeKind.STRING)),
            new Field("doc", DataType.of(TypeKind.STRING)),
            new Field("raw", DataType.of(TypeKind.BYTES)),
            new Field("tstz", DataType.of(TypeKind.TIMESTAMP_LTZ))));

    private final BufferAllocator allocator = new RootAllocator();

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
        // ids from -500 to 10499 (the bounds below are 0 and 9999) and 37 NULL ids
        execute(cluster, """
                CREATE TABLE items (id bigint, day date, ts timestamp(3), amount numeric(12, 2), name text,
                  small int2, ratio float8, flag boolean, uid uuid, doc jsonb, raw bytea, tstz timestamptz)""",
                """
                INSERT INTO items SELECT g, DATE '2024-01-01' + (g % 400), TIMESTAMP '2024-01-01 00:00:00'
                  + g * INTERVAL '17 minutes 0.123 seconds', (g * 7 % 1000) / 100.0, 'item-' || g, (g % 300)::int2,
                  g / 3.0, g % 2 = 0, md5(g::text)::uuid, jsonb_build_object('g', g), int8send(g),
                  TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '1 second'
                FROM generate_series(-500, 10499) AS g""",
                "INSERT INTO items (id, name, day, ts) SELECT NULL, 'null-' || g, NULL, NULL FROM generate_series(1, 37) g");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        cluster.close();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private TableSource source(Map<String, String> extra) {
        return JdbcTestSupport.FACTORY.createSource(context("items", SCHEMA, options(cluster, "items", extra), List.of()));
    }

    @Test
    void everyRowIsReadExactlyOnceIncludingRowsOutsideTheBoundsAndNulls() throws Exception {
        TableSource source = source(Map.of("scan.partition.column", "id", "scan.partition.num", "4",
                "scan.partition.lower-bound", "0", "scan.partition.upper-bound", "9999", "scan.fetch-size", "100"));
        int[] splits = new int[1];
        List<Object[]> rows = readAll(source, SCHEMA, allocator, splits);

        assertThat(splits[0]).isEqualTo(4);
        String expected = query(cluster, "SELECT count(*), count(id), count(DISTINCT id), sum(id), sum(amount) FROM items")
                .get(0);
        Set<Long> ids = new HashSet<>();
        long sum = 0;
        BigDecimal amounts = BigDecimal.ZERO;
        long nonNull = 0;
        for (Object[] row : rows) {
            if (row[0] != null) {
                ids.add((Long) row[0]);
                sum += (Long) row[0];
                nonNull++;
            }
            if (row[3] != null) {
                amounts = amounts.add((BigDecimal) row[3]);
            }
        }
        assertThat(rows.size() + "|" + nonNull + "|" + ids.size() + "|" + sum + "|" + amounts).isEqualTo(expected);
        assertThat(ids).contains(-500L, 10499L);
    }

    @Test
    void typesAreMappedFromPostgres() throws Exception {
        int[] splits = new int[1];
        Object[] row = readAll(source(Map.of()), SCHEMA, allocator, splits).stream()
                .filter(r -> Objects.equals(r[0], 1234L)).findFirst().orElseThrow();
        List<String> expected = List.of(query(cluster, "SELECT day - DATE '1970-01-01', "
                + "(extract(epoch FROM ts) * 1000)::bigint, amount, name, small, ratio, flag, uid, doc, "
                + "(extract(epoch FROM tstz) * 1000)::bigint FROM items WHERE id = 1234").get(0).split("\\|"));

        assertThat(row[1]).isEqualTo(Integer.parseInt(expected.get(0)));
        assertThat(row[2]).isEqualTo(Long.parseLong(expected.get(1)));
        assertThat(row[3]).isEqualTo(new BigDecimal(expected.get(2)));
        assertThat(row[4]).isEqualTo(expected.get(3));
        assertThat(row[5]).isEqualTo(Short.parseShort(expected.get(4)));
        assertThat((Double) row[6]).isEqualTo(Double.parseDouble(expected.get(5)));
        assertThat(row[7]).isEqualTo(expected.get(6).equals("t"));
        assertThat(row[8]).isEqualTo(expected.get(7));
        assertThat(row[9]).isEqualTo(expected.get(8));
        assertThat(row[10]).isEqualTo(java.nio.ByteBuffer.allocate(8).putLong(1234L).array());
        assertThat(row[11]).isEqualTo(Long.parseLong(expected.get(9)));
    }

    @Test
    void dateAndTimestampColumnsPartitionTheTableToo() throws Exception {
        String expected = query(cluster, "SELECT count(*) FROM items").get(0);
        int[] splits = new int[1];
        List<Object[]> byDay = readAll(source(Map.of("scan.partition.column", "day", "scan.partition.num", "5",
                "scan.partition.lower-bound", "2024-02-01", "scan.partition.upper-bound", "2024-11-30")),
                SCHEMA, allocator, splits);
        assertThat(splits[0]).isEqualTo(5);
        assertThat(String.valueOf(byDay.size())).isEqualTo(expected);

        List<Object[]> byTs = readAll(source(Map.of("scan.partition.column", "ts", "scan.partition.num", "3",
                "scan.partition.lower-bound", "2024-01-10 00:00:00", "scan.partition.upper-bound", "2024-03-01 12:30:00")),
                SCHEMA, allocator, splits);
        assertThat(splits[0]).isEqualTo(3);
        assertThat(String.valueOf(byTs.size())).isEqualTo(expected);
        assertThat(byTs.stream().filter(r -> r[0] != null).map(r -> r[0]).distinct().count())
                .isEqualTo(Long.parseLong(query(cluster, "SELECT count(DISTINCT id) FROM items").get(0)));
    }

    @Test
    void badPartitionOptionsNameTheOptionAndWhatIsAllowed() {
        assertThatThrownBy(() -> source(Map.of("scan.partition.column", "name", "scan.partition.num", "2",
                "scan.partition.lower-bound", "0", "scan.partition.upper-bound", "10")))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("'scan.partition.column'").hasMessageContaining("numeric, DATE or TIMESTAMP");
        assertThatThrownBy(() -> source(Map.of("scan.partition.column", "id", "scan.partition.num", "2")))
                .hasMessageContaining("'scan.partition.lower-bound'").hasMessageContaining("set all four or none");
        assertThatThrownBy(() -> source(Map.of("scan.partition.column", "day", "scan.partition.num", "2",
                "scan.partition.lower-bound", "yesterday", "scan.partition.upper-bound", "2024-01-01")))
                .hasMessageContaining("'scan.partition.lower-bound'").hasMessageContaining("a date such as");
        assertThatThrownBy(() -> source(Map.of("scan.partition.column", "id", "scan.partition.num", "2",
                "scan.partition.lower-bound", "10", "scan.partition.upper-bound", "1")))
                .hasMessageContaining("must not be greater than 'scan.partition.upper-bound'");
        assertThatThrownBy(() -> source(Map.of("lookup.cache", "FULL")))
                .hasMessageContaining("'lookup.cache'").hasMessageContaining("one of NONE, PARTIAL");
        assertThatThrownBy(() -> source(Map.of("lookup.cache", "PARTIAL")))
                .hasMessageContaining("'lookup.partial-cache.max-rows'");
        assertThatThrownBy(() -> context("items", SCHEMA, Map.of("url", "jdbc:mysql://x/y", "table-name", "t"), List.of()))
                .hasMessageContaining("'url'").hasMessageContaining("jdbc:postgresql:");
    }
}
