package io.weir.executor.operator;

import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;

import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Out-of-order rows of a 100 ms TUMBLE window table function for the window operator tests, with
 * late rows among them: row {@code i} is at {@code 10 i} minus up to {@link #DISORDER} ms, and the
 * watermark after rows {@code [0, n)} is {@link #watermarkAfter}{@code (n)}, so an ordinary row is
 * never late; a late row is 400 ms behind its place, so its window has fired whenever it comes
 * (fed in chunks of at most {@link #MAX_CHUNK} rows). Times and values are unique.
 */
final class WindowedStream {
    static final DataType INT = type(TypeKind.INT);
    static final DataType BIGINT = type(TypeKind.BIGINT);
    static final DataType TIMESTAMP = type(TypeKind.TIMESTAMP);
    /** k, v, t, window_start, window_end. */
    static final RowType TYPE = row("k", INT, "v", INT, "t", BIGINT, "window_start", TIMESTAMP,
            "window_end", TIMESTAMP);
    static final int WINDOW_START = 3;
    static final int WINDOW_END = 4;
    static final long SIZE = 100;
    static final int DISORDER = 60;
    static final int MAX_CHUNK = 7;

    /** A row and whether its window has fired when it arrives. */
    record Event(Object[] row, boolean late) {
    }

    private WindowedStream() {
    }

    static List<Event> events(Random random, int count, int keys) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(i);
        }
        Collections.shuffle(values, random);
        Set<Long> times = new HashSet<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean late = i >= 50 && random.nextInt(20) == 0;
            long time;
            do {
                time = late ? 10L * i - 400 - random.nextInt(DISORDER) : 10L * i - random.nextInt(DISORDER + 1);
            } while (!times.add(time));
            long start = Math.floorDiv(time, SIZE) * SIZE;
            events.add(new Event(new Object[] {random.nextInt(keys), values.get(i), time, start, start + SIZE}, late));
        }
        return events;
    }

    /** The watermark once rows {@code [0, n)} arrived: no later ordinary row is at or behind it. */
    static long watermarkAfter(int n) {
        return 10L * n - DISORDER - 1;
    }

    static List<Object[]> rows(List<Event> events) {
        return events.stream().map(Event::row).toList();
    }

    /** The rows that are not late. */
    static List<Object[]> onTime(List<Event> events) {
        return events.stream().filter(e -> !e.late()).map(Event::row).toList();
    }

    static long lateCount(List<Event> events) {
        return events.stream().filter(Event::late).count();
    }

    static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    static List<Object> list(Object[] row, Object... more) {
        List<Object> values = new ArrayList<>(Arrays.asList(row));
        values.addAll(Arrays.asList(more));
        return values;
    }
}
