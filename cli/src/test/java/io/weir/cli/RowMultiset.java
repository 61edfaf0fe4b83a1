package io.weir.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A query's answer as a multiset of rows, each row its values rendered so that equal SQL values
 * from Weir and from PostgreSQL render alike: exact numbers of any type (BIGINT, NUMERIC, DECIMAL)
 * as their plain decimal value without trailing zeros; floating point rounded to
 * {@value #DOUBLE_DIGITS} significant digits (the tolerance: sums of doubles added in another
 * order differ in the last bits); timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS}; NULL as
 * {@code NULL}. Rows are the values joined by {@code |}.
 *
 * <p>A changelog answer (Weir's streaming SELECT whose first column is {@code op}) is applied:
 * {@code +I}/{@code +U} add the row, {@code -U}/{@code -D} take it away; a row taken away more
 * often than added keeps a negative count, so it shows in the diff.
 */
final class RowMultiset {
    private static final int DOUBLE_DIGITS = 10;
    private static final int DIFF_ROWS = 10;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Map<String, Integer> counts = new TreeMap<>();
    private long size;

    private RowMultiset() {
    }

    /**
     * The rows of {@code result}, with only the given {@code columns} (0-based, not counting an
     * {@code op} column; null for all) when {@code changelog} says the first column is the row kind.
     */
    static RowMultiset read(ResultSet result, boolean changelog, int[] columns) throws SQLException {
        RowMultiset rows = new RowMultiset();
        ResultSetMetaData meta = result.getMetaData();
        int first = changelog ? 2 : 1;
        int width = meta.getColumnCount() - first + 1;
        int[] picked = columns != null ? columns : IntStream.range(0, width).toArray();
        while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < picked.length; i++) {
                row.append(i == 0 ? "" : "|").append(render(result.getObject(first + picked[i])));
            }
            int weight = 1;
            if (changelog) {
                String kind = result.getString(1);
                weight = switch (kind) {
                    case "+I", "+U" -> 1;
                    case "-U", "-D" -> -1;
                    default -> throw new IllegalStateException("unknown row kind '" + kind + "'");
                };
            }
            rows.add(row.toString(), weight);
        }
        return rows;
    }

    private void add(String row, int weight) {
        size += weight;
        Integer count = counts.merge(row, weight, Integer::sum);
        if (count == 0) {
            counts.remove(row);
        }
    }

    static String render(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof BigInteger) {
            return new BigDecimal(value.toString()).toPlainString();
        } else if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? render(new BigDecimal(d).round(new MathContext(DOUBLE_DIGITS)))
                    : Double.toString(d);
        } else if (value instanceof Timestamp timestamp) {
            return TIMESTAMP.format(timestamp.toLocalDateTime());
        }
        return value.toString();
    }

    /** How many rows (with multiplicity). */
    long size() {
        return size;
    }

    /**
     * Null when this equals {@code expected}; otherwise a readable diff: the sizes, then the first
     * rows {@code expected} has more often than this ("missing") and the first this has more often
     * ("extra"), each with the difference of counts.
     */
    String diff(RowMultiset expected) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        long missingCount = 0;
        long extraCount = 0;
        for (Map.Entry<String, Integer> entry : expected.counts.entrySet()) {
            int surplus = entry.getValue() - counts.getOrDefault(entry.getKey(), 0);
            if (surplus > 0) {
                missingCount += surplus;
                note(missing, entry.getKey(), surplus);
            }
        }
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int surplus = entry.getValue() - expected.counts.getOrDefault(entry.getKey(), 0);
            if (surplus > 0) {
                extraCount += surplus;
                note(extra, entry.getKey(), surplus);
            }
        }
        if (missingCount == 0 && extraCount == 0 && counts.size() == expected.counts.size()) {
            return null;
        }
        StringBuilder text = new StringBuilder().append("expected ").append(expected.size).append(" rows, got ")
                .append(size).append(": ").append(missingCount).append(" missing, ").append(extraCount)
                .append(" extra");
        appendRows(text, "missing (expected, not returned)", missing);
        appendRows(text, "extra (returned, not expected)", extra);
        // a negative count (a retraction of a row never added) is neither missing nor extra above
        counts.forEach((row, count) -> {
            if (count < 0) {
                text.append("\n  retracted more often than added: ").append(row).append(" x").append(-count);
            }
        });
        return text.toString();
    }

    private static void note(List<String> rows, String row, int times) {
        if (rows.size() < DIFF_ROWS) {
            rows.add(times == 1 ? row : row + "  x" + times);
        }
    }

    private static void appendRows(StringBuilder text, String title, List<String> rows) {
        if (!rows.isEmpty()) {
            text.append("\nfirst ").append(title).append(":");
            rows.forEach(row -> text.append("\n  ").append(row));
        }
    }
}
