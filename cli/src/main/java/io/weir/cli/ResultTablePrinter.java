package io.weir.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result like psql's aligned format: a centered header, a separator, the rows (numbers
 * right-aligned, NULL as empty), then {@code (N rows)}.
 *
 * <pre>
 *  id | name
 * ----+------
 *   1 | Oslo
 * (1 row)
 * </pre>
 *
 * <p>Stateless; the whole result is read before printing, to size the columns.
 */
public final class ResultTablePrinter {
    private ResultTablePrinter() {
    }

    /** Reads every row of {@code rows} and prints it as a table to {@code out}. */
    public static void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        int columns = metadata.getColumnCount();
        List<String> headers = new ArrayList<>(columns);
        List<Boolean> rightAligned = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            headers.add(metadata.getColumnLabel(i));
            rightAligned.add(isNumeric(metadata.getColumnType(i)));
        }
        List<List<String>> values = new ArrayList<>();
        while (rows.next()) {
            List<String> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(rows.getString(i));
            }
            values.add(row);
        }
        out.print(format(headers, rightAligned, values));
    }

    /** The table as text, each line ending in a newline; a {@code null} value prints as empty. */
    public static String format(List<String> headers, List<Boolean> rightAligned, List<List<String>> rows) {
        requireNonNull(headers, "headers is null");
        requireNonNull(rightAligned, "rightAligned is null");
        requireNonNull(rows, "rows is null");
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], text(row.get(i)).length());
            }
        }
        StringBuilder table = new StringBuilder();
        appendHeader(table, headers, widths);
        for (int i = 0; i < widths.length; i++) {
            table.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
        }
        table.append('\n');
        for (List<String> row : rows) {
            appendRow(table, row, rightAligned, widths);
        }
        table.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
        return table.toString();
    }

    private static void appendHeader(StringBuilder table, List<String> headers, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            String header = headers.get(i);
            int left = (widths[i] - header.length()) / 2;
            int right = widths[i] - header.length() - left;
            table.append(i == 0 ? " " : " | ").append(" ".repeat(left)).append(header).append(" ".repeat(right));
        }
        table.append(" \n");
    }

    private static void appendRow(StringBuilder table, List<String> row, List<Boolean> rightAligned, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            String value = text(row.get(i));
            String padding = " ".repeat(widths[i] - value.length());
            table.append(i == 0 ? " " : " | ");
            if (rightAligned.get(i)) {
                table.append(padding).append(value);
            } else if (i == widths.length - 1) {
                // psql does not pad the last column
                table.append(value);
            } else {
                table.append(value).append(padding);
            }
        }
        table.append('\n');
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
                    Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }
}
