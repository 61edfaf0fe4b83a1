package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.server.pgwire.PgTestClient.PsqlResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives {@link PgServer} with the real psql binary against {@link FakeSessionFactory}. */
class PgServerPsqlTest {
    private static final FakeSessionFactory FACTORY = new FakeSessionFactory();
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = new PgServer("127.0.0.1", 0, FACTORY);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PsqlResult psql(String... args) throws Exception {
        return PgTestClient.psql(server.port(), args);
    }

    @Test
    void selectOnePrintsOne() throws Exception {
        PsqlResult result = psql("-d", "weir", "-At", "-c", "SELECT 1");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("1");
    }

    @Test
    void everyTypePrintsAsPostgresWould() throws Exception {
        PsqlResult result = psql("-d", "weir", "-At", "-c", "SELECT TYPES");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "t|7|-3|42|9000000000|1.5|0.1|12.30|ab |varchar|héllo \"world\"|\\x0aff|2024-01-01|12:34:56.5"
                        + "|2024-01-02 03:04:05.123|1970-01-01 00:00:00+00|{1,2,3}|{\"k\":5}|{\"a\":1,\"b\":\"x\"}",
                "||||||||||||||||||");
    }

    @Test
    void severalStatementsInOneCommandRunInOrder() throws Exception {
        PsqlResult result = psql("-d", "weir", "-At", "-c", "CREATE TABLE t; SELECT 1; SELECT 1");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().lines()).containsExactly("CREATE TABLE", "1", "1");
    }

    @Test
    void syntaxErrorShowsLineAndCaret() throws Exception {
        PsqlResult result = psql("-d", "weir", "-At", "-c", "SELECT bad");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains(
                "ERROR:  Non-query expression encountered in illegal context\n"
                        + "LINE 1: SELECT bad\n"
                        + "               ^");
    }

    @Test
    void errorInLaterStatementPointsIntoTheWholeString() throws Exception {
        PsqlResult result = psql("-d", "weir", "-At", "-c", "SELECT 1; SELECT bad; SELECT 1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEqualTo("1");
        assertThat(result.stderr()).contains("LINE 1: SELECT 1; SELECT bad; SELECT 1\n"
                + "                         ^");
    }

    @Test
    void verboseErrorShowsSqlState() throws Exception {
        PsqlResult result = psql("-d", "weir", "-v", "VERBOSITY=verbose", "-At", "-c", "SELECT bad");
        assertThat(result.stderr()).contains("ERROR:  42601: Non-query expression");
    }

    @Test
    void bugBecomesInternalErrorWithoutStackTrace() throws Exception {
        PsqlResult result = psql("-d", "weir", "-v", "VERBOSITY=verbose", "-At", "-c", "NPE");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("ERROR:  XX000: internal error, please report: NullPointerException: boom")
                .doesNotContain("at io.weir");
    }

    @Test
    void failingOpenIsFatal() throws Exception {
        PsqlResult result = psql("-d", "fail_open", "-At", "-c", "SELECT 1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("FATAL:  database \"fail_open\" does not exist");
    }

    @Test
    void emptyQueryPrintsNothing() throws Exception {
        PsqlResult result = psql("-d", "weir", "-At", "-c", " ");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void alignedOutputHasHeaderAndFooter() throws Exception {
        PsqlResult result = psql("-d", "weir", "-c", "STREAM 2");
        assertThat(result.stdout().lines()).containsExactly(" n ", "---", " 1", " 2", "(2 rows)");
    }
}
