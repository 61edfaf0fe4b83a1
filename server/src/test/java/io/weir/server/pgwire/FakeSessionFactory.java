package io.weir.server.pgwire;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.SourcePosition;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-written engine for the pgwire tests. Statements are split on ';' and understood by
 * exact text: {@code SELECT 1}, {@code SELECT TYPES} (one column of every type, a row of values
 * and a row of NULLs), {@code CREATE TABLE t}, {@code SELECT bad} (syntax error at offset 8 of
 * the statement), {@code SLEEP} (waits until cancelled), {@code NPE}, {@code STREAM n} (n BIGINT
 * rows); opening database {@code fail_open} fails.
 */
final class FakeSessionFactory implements PgSessionFactory {
    static final RowType ALL_TYPES = new RowType(List.of(
            new Field("c_bool", DataType.of(TypeKind.BOOLEAN)),
            new Field("c_tinyint", DataType.of(TypeKind.TINYINT)),
            new Field("c_smallint", DataType.of(TypeKind.SMALLINT)),
            new Field("c_int", DataType.of(TypeKind.INT)),
            new Field("c_bigint", DataType.of(TypeKind.BIGINT)),
            new Field("c_float", DataType.of(TypeKind.FLOAT)),
            new Field("c_double", DataType.of(TypeKind.DOUBLE)),
            new Field("c_decimal", DataType.decimal(10, 2)),
            new Field("c_char", new DataType(TypeKind.CHAR, 3, 0, true, List.of())),
            new Field("c_varchar", new DataType(TypeKind.STRING, 20, 0, true, List.of())),
            new Field("c_string", DataType.of(TypeKind.STRING)),
            new Field("c_bytes", DataType.of(TypeKind.BYTES)),
            new Field("c_date", DataType.of(TypeKind.DATE)),
            new Field("c_time", DataType.of(TypeKind.TIME)),
            new Field("c_timestamp", DataType.timestamp(3)),
            new Field("c_timestamp_ltz", DataType.of(TypeKind.TIMESTAMP_LTZ)),
            new Field("c_array", DataType.array(DataType.of(TypeKind.INT))),
            new Field("c_map", DataType.map(DataType.of(TypeKind.STRING), DataType.of(TypeKind.BIGINT))),
            new Field("c_row", DataType.row(List.of(new Field("a", DataType.of(TypeKind.INT)),
                    new Field("b", DataType.of(TypeKind.STRING)))))));

    static final Object[] ALL_VALUES = {
        true, (byte) 7, (short) -3, 42, 9_000_000_000L, 1.5f, 0.1, new BigDecimal("12.30"), "ab ", "varchar",
        "héllo \"world\"", new byte[] {0x0a, (byte) 0xff}, 19_723, 45_296_500, 1_704_164_645_123L, 0L,
        List.of(1, 2, 3), singletonMap("k", 5L), List.of(1, "x")};

    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicLong streamedRows = new AtomicLong();

    @Override
    public PgSession open(StartupInfo startup) {
        if (startup.database().equals("fail_open")) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "database \"fail_open\" does not exist");
        }
        FakeSession session = new FakeSession(startup);
        sessions.add(session);
        return session;
    }

    private static Map<String, Long> singletonMap(String key, long value) {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    /** One fake session; cancel() releases a running SLEEP. */
    final class FakeSession implements PgSession {
        final StartupInfo startup;
        private volatile CountDownLatch cancelled = new CountDownLatch(1);

        FakeSession(StartupInfo startup) {
            this.startup = startup;
        }

        @Override
        public void executeSimpleQuery(String sql, ResultSink sink) {
            cancelled = new CountDownLatch(1);
            int start = 0;
            for (String statement : sql.split(";", -1)) {
                int offset = start + (statement.length() - statement.stripLeading().length());
                start += statement.length() + 1;
                String text = statement.strip();
                if (!text.isEmpty()) {
                    execute(text, offset, sink);
                }
            }
        }

        private void execute(String text, int offset, ResultSink sink) {
            if (text.equals("SELECT 1")) {
                RowWriter writer = sink.beginRows(new RowType(List.of(new Field("?column?", DataType.of(TypeKind.INT)))));
                writer.row(new Object[] {1});
                writer.end("SELECT 1");
            } else if (text.equals("SELECT TYPES")) {
                RowWriter writer = sink.beginRows(ALL_TYPES);
                writer.row(ALL_VALUES.clone());
                writer.row(new Object[ALL_TYPES.size()]);
                writer.end("SELECT 2");
            } else if (text.startsWith("SET ")) {
                // PgJDBC sends SET application_name = '...' right after connecting
                sink.command("SET");
            } else if (text.equals("CREATE TABLE t")) {
                sink.command("CREATE TABLE");
            } else if (text.equals("SELECT bad")) {
                throw new WeirException(ErrorCode.SYNTAX_ERROR, new SourcePosition(1, 8, offset + 8),
                        "Non-query expression encountered in illegal context", null);
            } else if (text.equals("SLEEP")) {
                sleepUntilCancelled();
            } else if (text.equals("NPE")) {
                throw new NullPointerException("boom");
            } else if (text.startsWith("STREAM ")) {
                stream(Long.parseLong(text.substring(7).strip()), sink);
            } else {
                throw new WeirException(ErrorCode.UNDEFINED_TABLE, "Object '" + text + "' not found");
            }
        }

        private void sleepUntilCancelled() {
            try {
                if (cancelled.await(30, TimeUnit.SECONDS)) {
                    throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("SLEEP was never cancelled");
        }

        private void stream(long count, ResultSink sink) {
            RowWriter writer = sink.beginRows(new RowType(List.of(new Field("n", DataType.of(TypeKind.BIGINT)))));
            for (long i = 1; i <= count; i++) {
                writer.row(new Object[] {i});
                streamedRows.incrementAndGet();
            }
            writer.end("SELECT " + count);
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelled.countDown();
        }

        @Override
        public Map<String, String> parameterStatus() {
            return Map.of("weir_version", "0.1.0");
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
