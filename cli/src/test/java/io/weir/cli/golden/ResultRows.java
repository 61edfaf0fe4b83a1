package io.weir.cli.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a query's rows with a golden file's as multisets (or in order), and folds a changelog
 * ({@code op} first: {@code +I}, {@code -U}, {@code +U}, {@code -D}) into the rows it leaves.
 * Rows are CSV lines; NULL is written {@code NULL}.
 */
public final class ResultRows {
    private ResultRows() {
    }

    /**
     * The rows a changelog leaves; a retraction of a row that is not there is an error, as it would
     * be a wrong changelog even when the final rows come out right.
     */
    public static List<String> fold(List<String> changelog) {
        List<String> rows = new ArrayList<>();
        for (String change : changelog) {
            int comma = change.indexOf(',');
            String op = change.substring(0, comma);
            String row = change.substring(comma + 1);
            switch (op) {
                case "+I", "+U" -> rows.add(row);
                case "-U", "-D" -> {
                    if (!rows.remove(row)) {
                        throw new AssertionError("the changelog retracts " + row + ", which it never added:\n"
                                + String.join("\n", changelog));
                    }
                }
                default -> throw new AssertionError("unknown change kind '" + op + "' in " + change);
            }
        }
        return rows;
    }

    /** Null when equal, else a readable diff: the rows missing from {@code actual} and the unexpected ones. */
    public static String diff(List<String> expected, List<String> actual, boolean ordered) {
        if (ordered) {
            return expected.equals(actual) ? null : "expected, in this order:\n  " + String.join("\n  ", expected)
                    + "\nbut got:\n  " + String.join("\n  ", actual);
        }
        Map<String, Integer> counts = new TreeMap<>();
        expected.forEach(r -> counts.merge(r, 1, Integer::sum));
        actual.forEach(r -> counts.merge(r, -1, Integer::sum));
        StringBuilder missing = new StringBuilder();
        StringBuilder unexpected = new StringBuilder();
        counts.forEach((row, count) -> {
            for (int i = 0; i < Math.abs(count); i++) {
                (count > 0 ? missing : unexpected).append("\n  ").append(row);
            }
        });
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return null;
        }
        return "rows missing (expected, not returned):" + (missing.isEmpty() ? " none" : missing)
                + "\nrows not expected (returned, not expected):" + (unexpected.isEmpty() ? " none" : unexpected)
                + "\n(" + expected.size() + " expected, " + actual.size() + " returned)";
    }
}
