package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code weir bench nexmark} end to end on an embedded server, with q2's result checked against
 * the generator run here through the connector SPI ({@link NexmarkBids}).
 */
class BenchCommandIT {
    private static final long EVENTS = 100_000;
    private static final long RATE = 10_000_000;

    @TempDir
    Path work;

    /** What one {@code weir bench nexmark} invocation printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code weir bench nexmark} with {@code args} in this JVM. */
    static Run bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand.Nexmark command = new BenchCommand.Nexmark();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exitCode = new CommandLine(command).execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void q0PrintsThroughputPerCoreAndPeakMemory() {
        Run run = bench("--query", "q0", "--events", Long.toString(EVENTS), "--parallelism", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("query:            q0")
                .contains("events:           100000 (all types; rows written to the sink: 92000)")
                .contains("cores = min(parallelism 2, available processors "
                        + Runtime.getRuntime().availableProcessors() + ")")
                .containsPattern("elapsed: +\\d+\\.\\d{3} s")
                .containsPattern("cpu time: +\\d+\\.\\d{3} s")
                .containsPattern("peak memory: +\\d+ MB RSS \\(VmHWM\\), \\d+ MB JVM heap used");
        Matcher throughput = Pattern.compile("throughput: +(\\d+) events/s").matcher(run.out());
        assertThat(throughput.find()).isTrue();
        assertThat(Long.parseLong(throughput.group(1))).isPositive();
    }

    @Test
    void q2WritesTheBidsWhoseAuctionIsAMultipleOf123() throws SQLException {
        long expected = countBidsWithAuctionMultipleOf123();
        assertThat(expected).isPositive();

        Run run = bench("--query", "q2", "--events", Long.toString(EVENTS), "--parallelism", "1", "--json",
                "--mode", "batch");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = run.out().strip();
        assertThat(json).startsWith("{\"query\":\"q2\",\"events\":100000,\"mode\":\"batch\",\"parallelism\":1,"
                + "\"cores\":1,")
                .contains("\"rows_written\":" + expected + ",")
                .containsPattern("\"elapsed_s\":\\d+\\.\\d+")
                .containsPattern("\"events_per_core_s\":\\d+")
                .containsPattern("\"peak_rss_bytes\":\\d+")
                .containsPattern("\"heap_peak_bytes\":\\d+")
                .endsWith("}");
        Matcher rate = Pattern.compile("\"events_per_s\":(\\d+)").matcher(json);
        assertThat(rate.find()).isTrue();
        assertThat(Long.parseLong(rate.group(1))).isPositive();

        // the same count from a query over pgwire, at parallelism 3
        try (TestServer server = new TestServer(work.resolve("data"));
                Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                        + "/weir?preferQueryMode=simple", "weir", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET 'parallelism.default' = '3'");
            statement.execute("CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, "
                    + "url STRING, `dateTime` TIMESTAMP(3), extra STRING) WITH ('connector' = 'nexmark', "
                    + "'nexmark.table.type' = 'bid', 'events.num' = '" + EVENTS + "')");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM bid WHERE MOD(auction, 123) = 0")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aQueryThatCannotRunInStreamingModePrintsTheErrorAndExitsWithOne() {
        // q6 keeps the last 10 bids per seller with OVER ... ROWS over a changelog: Flink refuses it in
        // streaming mode, and so does Weir, while batch mode runs it
        Run run = bench("--query", "q6", "--events", "1000");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).startsWith("weir bench nexmark: q6 failed: ")
                .contains("doesn't support consuming update changes");

        Run batch = bench("--query", "q6", "--events", "1000", "--mode", "batch");
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        assertThat(batch.out()).contains("runtime mode:     batch");
    }

    @Test
    void unknownModesAreRefused() {
        Run run = bench("--query", "q0", "--mode", "micro-batch");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown mode 'micro-batch'").contains("streaming, batch");
    }

    @Test
    void unknownQueriesAreRefused() {
        Run run = bench("--query", "q99");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown query 'q99'").contains("q0, q1, q2");
    }

    /** Generates the bid table of q2 (same options) and counts MOD(auction, 123) = 0. */
    private static long countBidsWithAuctionMultipleOf123() {
        List<NexmarkBids.Bid> bids = NexmarkBids.generate(EVENTS, RATE);
        assertThat(bids).hasSize((int) (EVENTS / 50 * 46));
        return bids.stream().filter(bid -> bid.auction() % 123 == 0).count();
    }
}
