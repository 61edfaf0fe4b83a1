package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import io.weir.testing.PostgresCluster;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Every Nexmark query file of {@code src/main/resources/nexmark} that this class lists runs on an
 * embedded Weir server, in streaming and in batch mode at parallelism 2, over {@value #EVENTS}
 * generated events, and its answer must equal, as a multiset of rows, a hand-written PostgreSQL
 * translation of the same query run by a real PostgreSQL over the same rows (the nexmark
 * connector's generator run here through the SPI, copied in with COPY). Window table functions
 * become arithmetic on the event time: TUMBLE is {@code date_bin}, HOP a join with the window
 * starts a row falls into, SESSION a running count of gaps of at least the session gap.
 *
 * <p>The query file's statements run as written except its INSERT, which runs as its SELECT over
 * pgwire (the blackhole sink's columns would only cast). A changelog answer (in streaming mode
 * the aggregates, Top-N and deduplication, and q5's GROUP BY over window counts) comes with
 * Weir's {@code op} column and is applied ({@link RowMultiset}). The bounded source ends with a
 * final watermark, so every window has fired when the SELECT ends.
 *
 * <p>Late rows: the generator gives event {@code n} the time {@code base + n / rate}, and each
 * split reads its blocks of events in order, so a split's event times never go back; the watermark
 * (4 s behind) of every source subtask is then behind all its later rows, and no operator sees a
 * late row. The reference therefore drops nothing. {@value #RATE} events per second of event time
 * make {@value #EVENTS} events span 100 s (ten 10-second windows, fifty 2-second HOP slides) and
 * give every event its own millisecond, so ORDER BY the event time never ties (q9, q18, q11).
 */
class NexmarkQueriesIT {
    private static final long EVENTS = 20_000;
    private static final long RATE = 200;
    private static final int PARALLELISM = 2;
    private static final DateTimeFormatter COPY_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern INSERT = Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\s+\\S+\\s+(.*)$");

    /** The price ranks of q15 and q16: counts of bids, distinct bidders and distinct auctions in each. */
    private static final String RANKED_COUNTS = """
            count(*), count(*) FILTER (WHERE price < 10000),
            count(*) FILTER (WHERE price >= 10000 AND price < 1000000), count(*) FILTER (WHERE price >= 1000000),
            count(DISTINCT bidder), count(DISTINCT bidder) FILTER (WHERE price < 10000),
            count(DISTINCT bidder) FILTER (WHERE price >= 10000 AND price < 1000000),
            count(DISTINCT bidder) FILTER (WHERE price >= 1000000),
            count(DISTINCT auction), count(DISTINCT auction) FILTER (WHERE price < 10000),
            count(DISTINCT auction) FILTER (WHERE price >= 10000 AND price < 1000000),
            count(DISTINCT auction) FILTER (WHERE price >= 1000000)""";
    private static final String TUMBLE_10S = "date_bin('10 seconds', datetime, timestamp '1970-01-01')";

    @TempDir
    static Path work;

    private static PostgresCluster postgres;
    private static TestServer weir;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresCluster.start();
        weir = new TestServer(work.resolve("data"));
        try (Connection connection = connectPostgres()) {
            load(connection, "person", NexmarkTables.PERSON);
            load(connection, "auction", NexmarkTables.AUCTION);
            load(connection, "bid", NexmarkTables.BID);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (weir != null) {
            weir.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * Each query in streaming mode (as it runs against an unbounded source) and in batch mode (what
     * the default automatic mode picks for these bounded sources, as {@code weir bench} runs them).
     */
    static Stream<Arguments> queries() {
        return Stream.of("streaming", "batch").flatMap(mode -> references().map(reference -> {
            Object[] arguments = reference.get();
            return Arguments.of(arguments[0], mode, arguments[1], arguments[2]);
        }));
    }

    /** Each query with its PostgreSQL translation and the Weir columns compared (null: all). */
    private static Stream<Arguments> references() {
        return Stream.of(
                Arguments.of("q0", "SELECT auction, bidder, price, datetime, extra FROM bid", null),
                Arguments.of("q1", "SELECT auction, bidder, 0.908 * price, datetime, extra FROM bid", null),
                Arguments.of("q2", "SELECT auction, price FROM bid WHERE auction % 123 = 0", null),
                Arguments.of("q3", """
                        SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON a.seller = p.id
                        WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA')""", null),
                // Flink's AVG of a BIGINT is a BIGINT: the quotient truncated
                Arguments.of("q4", """
                        SELECT category, trunc(avg(final))::bigint FROM (
                          SELECT max(b.price) AS final, a.category FROM auction a JOIN bid b
                            ON a.id = b.auction AND b.datetime BETWEEN a.datetime AND a.expires
                          GROUP BY a.id, a.category) q
                        GROUP BY category""", null),
                // HOP(2 s, 10 s): a row at t is in the five windows starting at date_bin(2 s, t) - k * 2 s
                Arguments.of("q5", """
                        WITH counts AS (
                          SELECT auction, count(*) AS num, starttime FROM (
                            SELECT auction, date_bin('2 seconds', datetime, timestamp '1970-01-01')
                              - k * interval '2 seconds' AS starttime
                            FROM bid, generate_series(0, 4) AS k) hopped
                          GROUP BY auction, starttime),
                        maxes AS (SELECT max(num) AS maxn, starttime FROM counts GROUP BY starttime)
                        SELECT c.auction, c.num FROM counts c JOIN maxes m
                          ON c.starttime = m.starttime AND c.num >= m.maxn""", null),
                Arguments.of("q7", """
                        SELECT b.auction, b.price, b.bidder, b.datetime, b.extra FROM bid b JOIN (
                          SELECT max(price) AS maxprice, %s + interval '10 seconds' AS datetime FROM bid GROUP BY 2) b1
                          ON b.price = b1.maxprice
                        WHERE b.datetime BETWEEN b1.datetime - interval '10 seconds' AND b1.datetime"""
                        .formatted(TUMBLE_10S), null),
                Arguments.of("q8", """
                        SELECT p.id, p.name, p.starttime
                        FROM (SELECT id, name, %1$s AS starttime FROM person GROUP BY 1, 2, 3) p
                        JOIN (SELECT seller, %1$s AS starttime FROM auction GROUP BY 1, 2) a
                          ON p.id = a.seller AND p.starttime = a.starttime""".formatted(TUMBLE_10S), null),
                // no two bids share a millisecond, so ORDER BY price DESC, dateTime picks one row
                Arguments.of("q9", """
                        SELECT id, itemname, description, initialbid, reserve, datetime, expires, seller, category,
                          extra, auction, bidder, price, bid_datetime, bid_extra
                        FROM (SELECT a.*, b.auction, b.bidder, b.price, b.datetime AS bid_datetime, b.extra AS bid_extra,
                            row_number() OVER (PARTITION BY a.id ORDER BY b.price DESC, b.datetime) AS rownum
                          FROM auction a JOIN bid b ON a.id = b.auction AND b.datetime BETWEEN a.datetime AND a.expires) x
                        WHERE rownum <= 1""", null),
                // SESSION(10 s): a bid opens a new session when the bidder's previous bid is 10 s or more before
                Arguments.of("q11", """
                        WITH marked AS (
                          SELECT bidder, datetime, CASE WHEN datetime - lag(datetime) OVER (PARTITION BY bidder
                            ORDER BY datetime) < interval '10 seconds' THEN 0 ELSE 1 END AS opens FROM bid),
                        numbered AS (
                          SELECT bidder, datetime, sum(opens) OVER (PARTITION BY bidder ORDER BY datetime
                            ROWS UNBOUNDED PRECEDING) AS session FROM marked)
                        SELECT bidder, count(*), min(datetime), max(datetime) + interval '10 seconds'
                        FROM numbered GROUP BY bidder, session""", null),
                Arguments.of("q15", "SELECT to_char(datetime, 'YYYY-MM-DD'), " + RANKED_COUNTS
                        + " FROM bid GROUP BY 1", null),
                Arguments.of("q16", "SELECT channel, to_char(datetime, 'YYYY-MM-DD'), "
                        + "max(to_char(datetime, 'HH24:MI')), " + RANKED_COUNTS + " FROM bid GROUP BY 1, 2", null),
                Arguments.of("q17", """
                        SELECT auction, to_char(datetime, 'YYYY-MM-DD'), count(*),
                          count(*) FILTER (WHERE price < 10000),
                          count(*) FILTER (WHERE price >= 10000 AND price < 1000000),
                          count(*) FILTER (WHERE price >= 1000000),
                          min(price), max(price), trunc(avg(price))::bigint, sum(price)
                        FROM bid GROUP BY 1, 2""", null),
                // no two bids share a millisecond, so the last bid of a bidder on an auction is one row
                Arguments.of("q18", """
                        SELECT auction, bidder, price, channel, url, datetime, extra FROM (
                          SELECT *, row_number() OVER (PARTITION BY bidder, auction ORDER BY datetime DESC) AS rn
                          FROM bid) x
                        WHERE rn <= 1""", null),
                // bids of an auction may tie on price, and ROW_NUMBER then numbers the tied bids in an order
                // that depends on arrival; the prices at each rank do not, so only auction, price and
                // rank_number are compared
                Arguments.of("q19", """
                        SELECT auction, price, rank_number FROM (
                          SELECT *, row_number() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number
                          FROM bid) x
                        WHERE rank_number <= 10""", new int[] {0, 2, 7}),
                Arguments.of("q20", """
                        SELECT b.auction, b.bidder, b.price, b.channel, b.url, b.datetime, b.extra, a.itemname,
                          a.description, a.initialbid, a.reserve, a.datetime, a.expires, a.seller, a.category, a.extra
                        FROM bid b JOIN auction a ON b.auction = a.id WHERE a.category = 10""", null),
                // REGEXP_EXTRACT(s, p, 2) is the second group of the first match, NULL without a match
                Arguments.of("q21", """
                        SELECT auction, bidder, price, channel, CASE
                            WHEN lower(channel) = 'apple' THEN '0' WHEN lower(channel) = 'google' THEN '1'
                            WHEN lower(channel) = 'facebook' THEN '2' WHEN lower(channel) = 'baidu' THEN '3'
                            ELSE (regexp_match(url, '(&|^)channel_id=([^&]*)'))[2] END
                        FROM bid
                        WHERE (regexp_match(url, '(&|^)channel_id=([^&]*)'))[2] IS NOT NULL
                          OR lower(channel) IN ('apple', 'google', 'facebook', 'baidu')""", null),
                // SPLIT_INDEX(s, '/', i) is the 0-based i-th piece, empty pieces kept, NULL past the last
                Arguments.of("q22", """
                        SELECT auction, bidder, price, channel, (string_to_array(url, '/'))[4],
                          (string_to_array(url, '/'))[5], (string_to_array(url, '/'))[6]
                        FROM bid""", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("queries")
    void answersAsPostgresDoesOverTheSameRows(String query, String mode, String postgresQuery, int[] weirColumns)
            throws SQLException {
        RowMultiset expected;
        try (Connection connection = connectPostgres(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(postgresQuery)) {
            expected = RowMultiset.read(result, false, null);
        }
        assertThat(expected.size()).as("PostgreSQL's answer to %s is not empty", query).isPositive();
        RowMultiset actual = runOnWeir(query, mode, weirColumns);
        assertThat(actual.diff(expected)).as("%s in %s mode on Weir against PostgreSQL", query, mode).isNull();
    }

    /** Runs the query file's statements, its INSERT as the SELECT alone, and reads the answer. */
    private static RowMultiset runOnWeir(String query, String mode, int[] columns) throws SQLException {
        List<ScriptSplitter.Statement> statements = new NexmarkBench(EVENTS, RATE, PARALLELISM).statements(query, java.util.Map.of());
        try (Connection connection = connectWeir(); Statement statement = connection.createStatement()) {
            statement.execute("SET 'execution.runtime-mode' = '" + mode + "'");
            statement.execute("SET 'parallelism.default' = '" + PARALLELISM + "'");
            for (String table : List.of("person", "auction", "bid", "nexmark_" + query)) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            for (ScriptSplitter.Statement sql : statements) {
                Matcher insert = INSERT.matcher(sql.sql());
                if (!insert.matches()) {
                    statement.execute(sql.sql());
                    continue;
                }
                try (ResultSet result = statement.executeQuery(insert.group(1))) {
                    ResultSetMetaData meta = result.getMetaData();
                    boolean changelog = meta.getColumnCount() > 0 && meta.getColumnLabel(1).equals("op");
                    return RowMultiset.read(result, changelog, columns);
                }
            }
        }
        throw new IllegalStateException("query file " + query + " has no INSERT");
    }

    /** Creates {@code table} with {@code schema}'s columns in PostgreSQL and copies the generated rows in. */
    private static void load(Connection connection, String table, RowType schema) throws SQLException, IOException {
        String columns = schema.fields().stream().map(NexmarkQueriesIT::postgresColumn)
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (" + columns + ")");
        }
        StringBuilder csv = new StringBuilder();
        for (List<Object> row : NexmarkTables.generate(table, schema, EVENTS, RATE)) {
            for (int c = 0; c < row.size(); c++) {
                csv.append(c == 0 ? "" : ",").append(csvValue(schema.type(c).kind(), row.get(c)));
            }
            csv.append('\n');
        }
        new CopyManager(connection.unwrap(BaseConnection.class))
                .copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
    }

    private static String postgresColumn(Field field) {
        String type = switch (field.type().kind()) {
            case BIGINT -> "bigint";
            case STRING -> "text";
            case TIMESTAMP -> "timestamp(3)";
            default -> throw new IllegalArgumentException("no PostgreSQL type for " + field);
        };
        return field.name().toLowerCase(Locale.ROOT) + " " + type;
    }

    private static String csvValue(TypeKind kind, Object value) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case STRING -> "\"" + value.toString().replace("\"", "\"\"") + "\"";
            case TIMESTAMP -> COPY_TIMESTAMP.format(LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value),
                    ZoneOffset.UTC));
            default -> value.toString();
        };
    }

    private static Connection connectPostgres() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
    }

    private static Connection connectWeir() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "weir");
        properties.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + weir.port() + "/weir", properties);
    }
}
